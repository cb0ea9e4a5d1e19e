package dev.cruddur.ops;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import picocli.CommandLine;

/**
 * Runs an operator command in a JVM of its own, with exactly the environment a test gives it.
 * What the AWS SDK reads from the process itself cannot be set in-process: {@code HOME} (where
 * {@code aws sso login} caches its token), {@code AWS_PROFILE}, {@code AWS_CONFIG_FILE},
 * {@code AWS_ENDPOINT_URL_SSO}. Nothing of the machine's own AWS set-up reaches the child.
 */
public final class OpsProcess {

    private OpsProcess() {
    }

    /** The child: the commands as {@code cruddur} mounts them, over the process's own environment. */
    public static void main(String[] args) {
        CommandLine commandLine = OpsCommands.register(new CommandLine(new OpsRun.Root(System.getenv())));
        System.exit(commandLine.execute(args));
    }

    /** Runs {@code args} in a fresh JVM whose whole environment is {@code environment}. */
    public static OpsRun run(Map<String, String> environment, String... args) {
        ProcessBuilder builder = new ProcessBuilder(Stream.concat(Stream.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // a short-lived command: start fast rather than optimise
                "-XX:TieredStopAtLevel=1", "-Xshare:auto",
                "-cp", System.getProperty("java.class.path"), OpsProcess.class.getName()), Stream.of(args)).toList());
        builder.environment().clear();
        builder.environment().putAll(environment);
        try {
            Process process = builder.start();
            // stderr is read on a thread of its own, so a child that fills one pipe never waits for the other
            FutureTask<byte[]> err = new FutureTask<>(process.getErrorStream()::readAllBytes);
            new Thread(err).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("cruddur " + String.join(" ", args) + " did not finish within 60 s");
            }
            return new OpsRun(process.exitValue(), out, new String(err.get(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("reading the child's stderr failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
