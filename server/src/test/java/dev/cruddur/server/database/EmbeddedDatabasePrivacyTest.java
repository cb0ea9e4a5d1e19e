package dev.cruddur.server.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cruddur.testing.OtherOsUser;
import dev.cruddur.testing.OtherOsUser.Result;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded PostgreSQL belongs to the account that started it. Another account on the same
 * machine (a real one, made by {@link OtherOsUser}) can neither connect to it, over TCP or a Unix
 * socket, nor read its files, nor change the binaries it runs.
 *
 * <p>The data and cache directories sit in a directory every account may enter (0755, as many
 * home directories are), so that only the modes Cruddur itself sets stand in the way.
 */
class EmbeddedDatabasePrivacyTest {

    @TempDir
    static Path open;

    private static Path data;
    private static EmbeddedDatabase database;

    @BeforeAll
    static void start() throws IOException {
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxr-xr-x"));
        data = open.resolve("data");
        database = EmbeddedDatabase.start(data, open.resolve("cache"));
    }

    @AfterAll
    static void stop() {
        if (database != null) {
            database.close();
        }
    }

    @Test
    void onlyTheGeneratedPasswordLetsAClientIn() throws Exception {
        assertThat(query(database.url().jdbcUrl(), "postgres", database.url().password(), "SELECT current_user"))
                .isEqualTo("postgres");
        assertThat(database.url().password()).as("a random password of at least 128 bits").hasSizeGreaterThanOrEqualTo(22)
                .isEqualTo(Files.readString(EmbeddedDatabase.passwordFile(data)).strip());

        String url = "jdbc:postgresql://127.0.0.1:" + database.port() + "/postgres";
        assertThatThrownBy(() -> query(url, "postgres", null, "SELECT 1"))
                .isInstanceOf(SQLException.class).hasMessageContaining("password");
        assertThatThrownBy(() -> query(url, "postgres", "wrong", "SELECT 1"))
                .isInstanceOf(SQLException.class).satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("28P01"));
    }

    @Test
    void clientAuthenticationHasNoTrustLine() throws IOException {
        List<String> rules = Files.readAllLines(data.resolve("postgres").resolve("pg_hba.conf")).stream()
                .map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
        assertThat(rules).isNotEmpty().allSatisfy(rule -> assertThat(rule).endsWith("scram-sha-256")
                .doesNotStartWith("local"));
    }

    @Test
    void anotherUserCannotConnectOverLoopback() {
        OtherOsUser intruder = OtherOsUser.create();
        int port = database.port();
        List<Result> attempts = new ArrayList<>();
        attempts.add(intruder.psql("127.0.0.1", port, "postgres", Map.of(), "SELECT 'in as ' || current_user"));
        attempts.add(intruder.psql("127.0.0.1", port, "postgres", Map.of("PGPASSWORD", "postgres"), "SELECT 'in as ' || current_user"));
        attempts.add(intruder.psql("127.0.0.1", port, "postgres", Map.of("PGPASSWORD", ""), "SELECT 'in as ' || current_user"));
        attempts.add(intruder.psql("127.0.0.1", port, OtherOsUser.NAME, Map.of(), "SELECT 'in as ' || current_user"));
        attempts.add(intruder.psql("localhost", port, "postgres", Map.of(), "SELECT 'in as ' || current_user"));
        attempts.add(intruder.psql("127.0.0.1", port, "postgres", Map.of(),
                "COPY (SELECT 1) TO PROGRAM 'cat > /dev/null'"));
        assertThat(attempts).allSatisfy(attempt -> {
            assertThat(attempt.exitCode()).as(attempt.output()).isNotZero();
            assertThat(attempt.output()).doesNotContain("in as").doesNotContain("COPY 1");
        });
        assertThat(attempts.get(0).output()).contains("no password supplied");
        assertThat(attempts.get(1).output()).contains("password authentication failed");

        // The control: the same command with the password gets in, so what stopped the others is the password.
        Result withPassword = intruder.psql("127.0.0.1", port, "postgres", Map.of("PGPASSWORD", database.url().password()),
                "SELECT 'in as ' || current_user");
        assertThat(withPassword.output()).contains("in as postgres");
    }

    @Test
    void thereIsNoUnixSocketForAnotherUserToUse() throws IOException {
        OtherOsUser intruder = OtherOsUser.create();
        int port = database.port();
        List<String> pidFile = Files.readAllLines(data.resolve("postgres").resolve("postmaster.pid"));
        String socketDirectory = pidFile.get(4).strip();
        assertThat(socketDirectory).as("the socket directory in postmaster.pid").isEmpty();

        for (String directory : List.of("/tmp", "/run/postgresql", "/var/run/postgresql", System.getProperty("java.io.tmpdir"))) {
            assertThat(Path.of(directory, ".s.PGSQL." + port)).doesNotExist();
            Result attempt = intruder.psql(directory, port, "postgres", Map.of(), "SELECT 'in as ' || current_user");
            assertThat(attempt.exitCode()).as(attempt.output()).isNotZero();
            assertThat(attempt.output()).doesNotContain("in as");
        }
    }

    @Test
    void anotherUserCannotReadTheDataDirectoryTheLogOrThePasswordFile() throws IOException {
        OtherOsUser intruder = OtherOsUser.create();
        assertThat(mode(data)).isEqualTo("rwx------");
        assertThat(mode(data.resolve("postgres"))).isEqualTo("rwx------");
        assertThat(mode(data.resolve("postgres.log"))).isEqualTo("rw-------");
        assertThat(mode(EmbeddedDatabase.passwordFile(data))).isEqualTo("rw-------");

        for (Path directory : List.of(data, data.resolve("postgres"))) {
            Result listing = intruder.run("ls", directory.toString());
            assertThat(listing.exitCode()).as("ls %s: %s", directory, listing.output()).isNotZero();
            assertThat(listing.output()).contains("Permission denied");
        }
        for (Path file : List.of(data.resolve("postgres.log"), EmbeddedDatabase.passwordFile(data),
                data.resolve("postgres").resolve("pg_hba.conf"))) {
            Result reading = intruder.run("cat", file.toString());
            assertThat(reading.exitCode()).as("cat %s: %s", file, reading.output()).isNotZero();
            assertThat(reading.output()).contains("Permission denied").doesNotContain(database.url().password());
        }
    }

    @Test
    void noDirectoryOnTheWayToThePostgresProgramCanBeChangedByAnotherUser() throws IOException {
        OtherOsUser intruder = OtherOsUser.create();
        Path program = Path.of(postmaster().info().command().orElseThrow());
        assertThat(program.getFileName()).hasToString("postgres");

        Result overwrite = intruder.run("sh", "-c", ": >> " + program);
        assertThat(overwrite.exitCode()).as("appending to %s: %s", program, overwrite.output()).isNotZero();
        for (Path directory = program.getParent(); directory != null; directory = directory.getParent()) {
            // A sticky directory such as /tmp lets anyone create files, but not rename or replace another's.
            if (!sticky(directory)) {
                assertThat(intruder.canCreateIn(directory)).as("%s can create files in %s", OtherOsUser.NAME, directory)
                        .isFalse();
            }
        }
    }

    @Test
    void thePasswordIsNeverLogged() throws IOException {
        assertThat(Files.readString(data.resolve("postgres.log"), StandardCharsets.UTF_8))
                .doesNotContain(database.url().password());
    }

    private static ProcessHandle postmaster() throws IOException {
        long pid = Long.parseLong(Files.readAllLines(data.resolve("postgres").resolve("postmaster.pid")).get(0).strip());
        return ProcessHandle.of(pid).orElseThrow();
    }

    private static boolean sticky(Path directory) throws IOException {
        return ((Integer) Files.getAttribute(directory, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 01000) != 0;
    }

    private static String mode(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS));
    }

    private static String query(String url, String user, String password, String sql) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        if (password != null) {
            properties.setProperty("password", password);
        }
        try (Connection connection = DriverManager.getConnection(url, properties);
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        }
    }
}
