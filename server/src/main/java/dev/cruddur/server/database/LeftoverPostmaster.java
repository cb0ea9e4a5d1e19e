package dev.cruddur.server.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded PostgreSQL that a killed cruddur process left behind. PostgreSQL runs as its own
 * process (pg_ctl detaches it), so a {@code kill -9} of the JVM leaves it running on the data
 * directory, and the next start failed: "lock file postmaster.pid already exists". Before a
 * start this stops such a server, with a fast shutdown (a clean checkpoint, no data lost).
 *
 * <p>It stops only a server that is certainly that leftover: the {@code postmaster.pid} of this
 * data directory names a live {@code postgres} process, the file names this very directory, and
 * no live cruddur process holds the directory's lock ({@link DataDirectoryLock}, which the
 * operating system releases when its holder dies). A pid that is no longer alive is left to
 * PostgreSQL, which replaces a stale {@code postmaster.pid} itself.
 */
public final class LeftoverPostmaster {

    private static final Logger log = LoggerFactory.getLogger(LeftoverPostmaster.class);

    /** A fast shutdown writes one checkpoint: seconds at most for a database this size. */
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private LeftoverPostmaster() {
    }

    /** Stops the postmaster a killed cruddur process left running on {@code pgData}, if there is one. */
    static void stopIfAny(Path pgData) {
        Optional<ProcessHandle> leftover = find(pgData);
        if (leftover.isEmpty()) {
            return;
        }
        long pid = leftover.get().pid();
        long started = System.nanoTime();
        signalFastShutdown(pid);
        try {
            leftover.get().onExit().get(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException("The embedded PostgreSQL (pid " + pid + ") that an earlier cruddur process"
                    + " left running on " + pgData + " did not stop within " + STOP_TIMEOUT.toSeconds() + " s", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Could not wait for PostgreSQL (pid " + pid + ") to stop", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while PostgreSQL (pid " + pid + ") was stopping", e);
        }
        log.warn("Stopped the embedded PostgreSQL (pid {}) that an earlier cruddur process left running on {}, in {} ms",
                pid, pgData, (System.nanoTime() - started) / 1_000_000);
    }

    private static Optional<ProcessHandle> find(Path pgData) {
        Path pidFile = pgData.resolve("postmaster.pid");
        List<String> lines;
        try {
            lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return Optional.empty(); // no file (a clean stop removes it), or PostgreSQL is replacing it
        }
        if (lines.size() < 2) {
            return Optional.empty();
        }
        Optional<ProcessHandle> process = pid(lines.get(0)).flatMap(ProcessHandle::of)
                .filter(ProcessHandle::isAlive)
                .filter(LeftoverPostmaster::isPostgres);
        if (process.isEmpty() || !sameDirectory(Path.of(lines.get(1).strip()), pgData) || lockedByLiveProcess(pgData)) {
            return Optional.empty();
        }
        return process;
    }

    private static Optional<Long> pid(String line) {
        try {
            return Optional.of(Long.parseLong(line.strip()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Whether the process runs PostgreSQL's server (a pid in a stale pid file may now be anything). */
    public static boolean isPostgres(ProcessHandle process) {
        return process.info().command().map(command -> Path.of(command).getFileName().toString().equals("postgres"))
                .orElse(false);
    }

    private static boolean sameDirectory(Path named, Path pgData) {
        try {
            return Files.isSameFile(named, pgData);
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean lockedByLiveProcess(Path pgData) {
        Path lockFile = pgData.resolve(DataDirectoryLock.FILE_NAME);
        if (!Files.exists(lockFile)) {
            return false;
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE);
                FileLock lock = channel.tryLock()) {
            return lock == null;
        } catch (OverlappingFileLockException e) {
            return true; // this very JVM runs it
        } catch (IOException e) {
            return true; // cannot tell: leave the server alone
        }
    }

    /** SIGINT is PostgreSQL's fast shutdown: sessions end, a checkpoint is written, the server exits. */
    private static void signalFastShutdown(long pid) {
        try {
            Process kill = new ProcessBuilder("kill", "-INT", Long.toString(pid))
                    .redirectErrorStream(true)
                    .start();
            if (!kill.waitFor(10, TimeUnit.SECONDS)) {
                kill.destroyForcibly();
                throw new IllegalStateException("kill -INT " + pid + " did not return within 10 s");
            }
            if (kill.exitValue() != 0) {
                throw new IllegalStateException("Could not signal the embedded PostgreSQL (pid " + pid + ") to stop: "
                        + new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not run kill to stop the embedded PostgreSQL (pid " + pid + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while stopping PostgreSQL (pid " + pid + ")", e);
        }
    }
}
