package dev.cruddur.server.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cruddur.testing.OtherOsUser;
import dev.cruddur.testing.OtherOsUser.Result;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A data directory made by an earlier Cruddur, whose PostgreSQL let every local user in without a
 * password, is converted on its next start: it gets a password, loses its trust rules, and keeps
 * every row.
 */
class LegacyDataDirectoryTest {

    @TempDir
    Path temp;

    @Test
    void anOpenDataDirectoryIsMadePrivateOnItsNextStartAndKeepsItsData() throws Exception {
        Path data = temp.resolve("data");
        createTheOldWay(data);
        assertThat(EmbeddedDatabase.passwordFile(data)).doesNotExist();
        assertThat(Files.readString(data.resolve("postgres").resolve("pg_hba.conf"))).contains("trust");

        String password;
        try (EmbeddedDatabase converted = EmbeddedDatabase.start(data)) {
            password = converted.url().password();
            assertThat(rows(converted.url().jdbcUrl(), password)).containsExactly("kept 1", "kept 2", "kept 3");
            assertThatThrownBy(() -> rows(converted.url().jdbcUrl(), null)).isInstanceOf(SQLException.class)
                    .hasMessageContaining("password");
            if (OtherOsUser.isRoot()) {
                Result intruder = OtherOsUser.create().psql("127.0.0.1", converted.port(), "postgres", Map.of(),
                        "SELECT count(*) FROM kept");
                assertThat(intruder.exitCode()).as(intruder.output()).isNotZero();
            }
        }
        assertThat(Files.readString(EmbeddedDatabase.passwordFile(data)).strip()).isEqualTo(password);
        assertThat(mode(EmbeddedDatabase.passwordFile(data))).isEqualTo("rw-------");
        assertThat(mode(data.resolve("postgres.log"))).as("the old log, 0644 before").isEqualTo("rw-------");
        assertThat(mode(data)).as("the old data directory, 0755 before").isEqualTo("rwx------");
        assertThat(Files.readAllLines(data.resolve("postgres").resolve("pg_hba.conf")))
                .noneMatch(line -> !line.startsWith("#") && line.contains("trust"));
        assertThat(Files.readString(data.resolve("postgres.log"))).doesNotContain(password);

        // Converted once: the next start keeps the password.
        try (EmbeddedDatabase again = EmbeddedDatabase.start(data)) {
            assertThat(again.url().password()).isEqualTo(password);
            assertThat(rows(again.url().jdbcUrl(), password)).containsExactly("kept 1", "kept 2", "kept 3");
        }
    }

    @Test
    void aLostPasswordFileIsReplacedByANewPassword() throws Exception {
        Path data = temp.resolve("data");
        String first;
        try (EmbeddedDatabase database = EmbeddedDatabase.start(data)) {
            first = database.url().password();
            execute(database.url().jdbcUrl(), first, "CREATE TABLE kept (note text)", "INSERT INTO kept VALUES ('still here')");
        }
        Files.delete(EmbeddedDatabase.passwordFile(data));

        try (EmbeddedDatabase database = EmbeddedDatabase.start(data)) {
            assertThat(database.url().password()).isNotEqualTo(first);
            assertThat(rows(database.url().jdbcUrl(), database.url().password())).containsExactly("still here");
            assertThatThrownBy(() -> rows(database.url().jdbcUrl(), first)).isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("28P01"));
        }
    }

    /** Exactly as Cruddur started it before: the library's defaults, trust for every local connection. */
    private static void createTheOldWay(Path data) throws IOException, SQLException {
        Files.createDirectories(data);
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path log = data.resolve("postgres.log");
        try (EmbeddedPostgres old = EmbeddedPostgres.builder()
                .setDataDirectory(data.resolve("postgres"))
                .setCleanDataDirectory(false)
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("max_connections", "100")
                .setRegisterShutdownHook(false)
                .setOutputRedirector(Redirect.appendTo(log.toFile()))
                .setErrorRedirector(Redirect.appendTo(log.toFile()))
                .start()) {
            execute("jdbc:postgresql://127.0.0.1:" + old.getPort() + "/postgres", null,
                    "CREATE TABLE kept (note text)",
                    "INSERT INTO kept VALUES ('kept 1'), ('kept 2'), ('kept 3')");
        }
        Files.setPosixFilePermissions(log, PosixFilePermissions.fromString("rw-r--r--"));
    }

    private static List<String> rows(String url, String password) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, credentials(password));
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT note FROM kept ORDER BY note")) {
            List<String> notes = new ArrayList<>();
            while (rows.next()) {
                notes.add(rows.getString(1));
            }
            return notes;
        }
    }

    private static void execute(String url, String password, String... statements) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, credentials(password));
             Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    private static Properties credentials(String password) {
        Properties properties = new Properties();
        properties.setProperty("user", "postgres");
        if (password != null) {
            properties.setProperty("password", password);
        }
        return properties;
    }

    private static String mode(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS));
    }
}
