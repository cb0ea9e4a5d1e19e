package dev.cruddur.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The clean-up after a process test kills only what is its own. */
class ServeProcessTest {

    @TempDir
    Path data;

    /**
     * A pid file that outlived its PostgreSQL (CrashIT kills it) may name a pid the system has
     * since given to another process: here, the test's own JVM, alive and not postgres.
     */
    @Test
    void aStalePidFileNamingAnotherLiveProcessNamesNoPostmaster() throws IOException {
        Files.createDirectories(data.resolve("postgres"));
        Files.writeString(data.resolve("postgres/postmaster.pid"),
                ProcessHandle.current().pid() + "\n" + data.resolve("postgres") + "\n");

        assertThat(ServeProcess.postmaster(data)).isEmpty();
        assertThat(ProcessHandle.current().isAlive()).isTrue();
    }
}
