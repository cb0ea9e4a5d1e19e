package dev.cruddur.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.Flyway;

/**
 * A PostgreSQL of one test's own that checks passwords (SCRAM) for every role but the
 * superuser, with a role and a database it owns: so a password in a URL is really used, and a
 * wrong one really refused.
 */
public final class PasswordProtectedPostgres implements AutoCloseable {

    private final EmbeddedPostgres postgres;
    private final String role;
    private final String password;

    private PasswordProtectedPostgres(EmbeddedPostgres postgres, String role, String password) {
        this.postgres = postgres;
        this.role = role;
        this.password = password;
    }

    /** Starts it with its files in {@code directory}, and makes {@code role} with {@code password}, owner of database {@code cruddur}. */
    public static PasswordProtectedPostgres start(Path directory, String role, String password) {
        try {
            Files.createDirectories(directory);
            Path hba = Files.writeString(directory.resolve("pg_hba.conf"), """
                    local all all trust
                    host all postgres 127.0.0.1/32 trust
                    host all all 127.0.0.1/32 scram-sha-256
                    host all all ::1/128 scram-sha-256
                    """);
            Path log = directory.resolve("postgres.log");
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setServerConfig("hba_file", hba.toString())
                    .setServerConfig("password_encryption", "scram-sha-256")
                    .setOutputRedirector(Redirect.appendTo(log.toFile()))
                    .setErrorRedirector(Redirect.appendTo(log.toFile()))
                    .start();
            try (Connection admin = DriverManager.getConnection(
                    "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres?user=postgres");
                 Statement statement = admin.createStatement()) {
                statement.execute("CREATE ROLE " + role + " LOGIN PASSWORD '" + password.replace("'", "''") + "'");
                statement.execute("CREATE DATABASE cruddur OWNER " + role);
            }
            return new PasswordProtectedPostgres(postgres, role, password);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException("could not set up the password-protected PostgreSQL", e);
        }
    }

    /** {@code postgresql://role:password@127.0.0.1:port/cruddur}, the password percent-encoded. */
    public String url(String withPassword) {
        return "postgresql://" + role + ":" + URLEncoder.encode(withPassword, StandardCharsets.UTF_8).replace("+", "%20")
                + "@127.0.0.1:" + postgres.getPort() + "/cruddur";
    }

    /** Applies Cruddur's migrations to {@code cruddur}, as the role. */
    public void migrate() {
        Flyway.configure().dataSource("jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/cruddur", role, password)
                .locations("classpath:db/migration").load().migrate();
    }

    /** True when the role gets in without a password: the server would not be checking it. */
    public boolean admitsWithoutPassword() {
        try (Connection ignored = DriverManager.getConnection(
                "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/cruddur?user=" + role)) {
            return true;
        } catch (SQLException expected) {
            return false;
        }
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
