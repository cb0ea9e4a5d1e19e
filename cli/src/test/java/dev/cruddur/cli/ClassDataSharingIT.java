package dev.cruddur.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./cruddur serve} keeps the classes the server loaded in a class-data sharing archive,
 * made when the server stops and mapped by the next start (what makes the next start faster),
 * in the user's own cache directory; {@code CRUDDUR_CDS=off} leaves it out.
 */
class ClassDataSharingIT {

    @TempDir
    Path temp;

    @Test
    void theFirstStopWritesTheArchiveAndTheNextStartMapsIt() throws Exception {
        Path cache = temp.resolve("cache");
        Path data = temp.resolve("data");

        stopped(started("first.log", cache, data, "on"));
        List<Path> archives = archives(cache);
        assertThat(archives).as("archives after the first stop").hasSize(1);
        Path archive = archives.get(0);
        assertThat(Files.size(archive)).isGreaterThan(1_000_000);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(cache.resolve("cruddur"))))
                .isEqualTo("rwx------");

        ServeProcess second = started("second.log", cache, data, "on");
        try {
            assertThat(mappedFiles(second)).as("files the second server maps").contains(archive.toString());
        } finally {
            stopped(second);
        }
        assertThat(archives(cache)).as("the same archive, kept").containsExactly(archive);

        ServeProcess off = started("off.log", cache, data, "off");
        try {
            assertThat(mappedFiles(off)).as("files a server with CRUDDUR_CDS=off maps").doesNotContain(archive.toString());
        } finally {
            stopped(off);
        }
    }

    private ServeProcess started(String log, Path cache, Path data, String cds) throws IOException, InterruptedException {
        return ServeProcess.fromLauncher(temp.resolve(log))
                .dataDirectory(data)
                .env("XDG_CACHE_HOME", cache.toString())
                .env("CRUDDUR_CDS", cds)
                .start();
    }

    private static void stopped(ServeProcess server) throws InterruptedException {
        try {
            server.terminate();
            assertThat(server.awaitExit(Duration.ofSeconds(60))).as("exit after SIGTERM").isPresent();
        } finally {
            server.close();
        }
    }

    private static List<Path> archives(Path cache) throws IOException {
        try (Stream<Path> files = Files.list(cache.resolve("cruddur"))) {
            return files.filter(file -> file.getFileName().toString().endsWith(".jsa")).toList();
        }
    }

    private static List<String> mappedFiles(ServeProcess server) throws IOException {
        return Files.readAllLines(Path.of("/proc", Long.toString(server.pid()), "maps")).stream()
                .map(line -> line.split("\\s+", 6))
                .filter(fields -> fields.length == 6)
                .map(fields -> fields[5].strip())
                .distinct()
                .toList();
    }
}
