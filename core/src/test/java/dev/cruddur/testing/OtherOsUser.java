package dev.cruddur.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A second, unprivileged account on this machine, for tests about what other people on a shared
 * machine can do: commands run as that account with {@code runuser}, so the kernel's own checks
 * (file modes, socket permissions) decide, not the test. Creating an account needs root, which CI
 * has; elsewhere the tests that need one are skipped, and say why.
 */
public final class OtherOsUser {

    /** A system account with no home and no login shell, made for these tests. */
    public static final String NAME = "cruddur-intruder";

    private final int uid;

    private OtherOsUser(int uid) {
        this.uid = uid;
    }

    /** The account, created if it does not exist yet; skips the calling test when this process is not root. */
    public static OtherOsUser create() {
        assumeTrue(isRoot(), "needs root: the test acts as a second OS user (created with useradd, used with runuser)");
        if (uidOf(NAME) < 0) {
            Result added = exec(List.of("useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", NAME), Map.of());
            // Another test JVM may have created it at the same moment: only its absence is an error.
            if (added.exitCode() != 0 && uidOf(NAME) < 0) {
                throw new IllegalStateException("useradd " + NAME + " failed: " + added.output());
            }
        }
        return new OtherOsUser(uidOf(NAME));
    }

    public static boolean isRoot() {
        return new com.sun.security.auth.module.UnixSystem().getUid() == 0;
    }

    public int uid() {
        return uid;
    }

    /** Runs {@code command} as this account, in {@code /}, with an environment of PATH and LANG alone. */
    public Result run(String... command) {
        return run(Map.of(), command);
    }

    /** As {@link #run(String...)}, with these environment variables added. */
    public Result run(Map<String, String> environment, String... command) {
        List<String> full = new ArrayList<>(List.of("runuser", "-u", NAME, "--"));
        full.addAll(List.of(command));
        return exec(full, environment);
    }

    /** True when this account can create a file in {@code directory} (the file is removed again). */
    public boolean canCreateIn(Path directory) {
        Path probe = directory.resolve(".written-by-" + NAME);
        boolean created = run("touch", probe.toString()).exitCode() == 0;
        if (created) {
            run("rm", "-f", probe.toString());
        }
        return created;
    }

    /**
     * {@code psql} as this account, never asking for a password ({@code -w}): the tool another
     * person on the machine would reach for. {@code host} is an address or a socket directory.
     */
    public Result psql(String host, int port, String user, Map<String, String> environment, String sql) {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/psql")), "needs psql (Debian's postgresql-client)");
        Map<String, String> env = new HashMap<>(environment);
        env.put("PGCONNECT_TIMEOUT", "5");
        return run(env, "psql", "-w", "-X", "-h", host, "-p", Integer.toString(port), "-U", user, "-d", "postgres",
                "-Atc", sql);
    }

    private static int uidOf(String name) {
        Result id = exec(List.of("id", "-u", name), Map.of());
        return id.exitCode() == 0 ? Integer.parseInt(id.output().strip()) : -1;
    }

    private static Result exec(List<String> command, Map<String, String> environment) {
        ProcessBuilder builder = new ProcessBuilder(command).directory(Path.of("/").toFile()).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.clear();
        env.put("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
        env.put("LANG", "C.UTF-8");
        env.putAll(environment);
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(command + " did not finish within 60 s");
            }
            return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("could not run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command, e);
        }
    }

    /** What a command printed (standard output and error together) and how it exited. */
    public record Result(int exitCode, String output) {
    }
}
