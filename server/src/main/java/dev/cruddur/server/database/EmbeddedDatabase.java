package dev.cruddur.server.database;

import dev.cruddur.database.DatabaseUrl;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PostgreSQL 16 run by Cruddur itself when no DATABASE_URL is given: its data lives in
 * {@code <data dir>/postgres} and survives restarts, its log in {@code <data dir>/postgres.log}.
 *
 * <p>It is private to the account that runs Cruddur. The superuser has a random password, kept
 * in {@code <data dir>/postgres.password} (0600), and the server accepts only SCRAM-SHA-256
 * logins over 127.0.0.1: no Unix socket, no trusted connection. The data directory, the log and
 * the password file are readable by this account alone, and the programs run from a cache only
 * it can write ({@link PostgresBinaries}). A data directory made by an earlier Cruddur, which
 * trusted every local user, gets a password on its next start, in single-user mode (no port open
 * meanwhile); so does one whose password file was deleted.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);
    private static final String HOST = "127.0.0.1";
    private static final String PASSWORD_FILE = "postgres.password";

    private final PostgresPrograms programs;
    private final DataDirectoryLock lock;
    private final int port;
    private final String password;
    private final boolean created;

    private EmbeddedDatabase(PostgresPrograms programs, DataDirectoryLock lock, int port, String password, boolean created) {
        this.programs = programs;
        this.lock = lock;
        this.port = port;
        this.password = password;
        this.created = created;
    }

    /** Starts it in {@code dataDirectory}, with the programs in this account's cache directory. */
    public static EmbeddedDatabase start(Path dataDirectory) {
        return start(dataDirectory, PostgresBinaries.userCache(System.getenv()));
    }

    /** Starts it in {@code dataDirectory}, with the programs unpacked in {@code binariesCache}. */
    public static EmbeddedDatabase start(Path dataDirectory, Path binariesCache) {
        Path pgData = dataDirectory.resolve("postgres");
        boolean created = !Files.exists(pgData.resolve("PG_VERSION"));
        PostgresBinaries binaries = PostgresBinaries.prepare(binariesCache);
        try {
            OwnerOnlyFiles.directory(dataDirectory);
            PostgresPrograms programs = new PostgresPrograms(binaries, pgData,
                    OwnerOnlyFiles.file(dataDirectory.resolve("postgres.log")));
            LeftoverPostmaster.stopIfAny(pgData);
            Path passwordFile = passwordFile(dataDirectory);
            String newPassword = null;
            if (created) {
                newPassword = SuperuserPassword.generate();
                SuperuserPassword.write(passwordFile, newPassword);
                programs.initdb(passwordFile);
            }
            DataDirectoryLock lock = DataDirectoryLock.acquire(pgData);
            try {
                String password = created ? newPassword : existingPassword(programs, dataDirectory);
                ClientAuthentication.write(pgData);
                EmbeddedDatabase database = new EmbeddedDatabase(programs, lock, freePort(), password, created);
                database.startServer(passwordFile);
                log.info("Embedded PostgreSQL on {}:{}, data in {}{}", HOST, database.port, pgData, created ? " (new)" : "");
                return database;
            } catch (IOException | RuntimeException e) {
                lock.close();
                throw e;
            }
        } catch (IOException | IllegalStateException e) {
            throw new IllegalStateException("The embedded PostgreSQL in " + pgData + " could not start (" + e.getMessage()
                    + "). Is another cruddur process using this data directory? See " + dataDirectory.resolve("postgres.log")
                    + ", or set DATABASE_URL to use another server.", e);
        }
    }

    /** Where the superuser's password is kept: {@code <data dir>/postgres.password}, 0600. */
    public static Path passwordFile(Path dataDirectory) {
        return dataDirectory.resolve(PASSWORD_FILE);
    }

    /**
     * The password in the data directory's file. A data directory with no such file was made by
     * an earlier Cruddur, which trusted every local connection, or its file was deleted: it gets
     * a new password. Single-user mode opens no port, so nobody can connect while the password is
     * set, and the file is written only once the password is in (an interrupted conversion is
     * simply done again at the next start).
     */
    private static String existingPassword(PostgresPrograms programs, Path dataDirectory) throws IOException {
        Path passwordFile = passwordFile(dataDirectory);
        Optional<String> kept = SuperuserPassword.read(passwordFile);
        if (kept.isPresent()) {
            return kept.get();
        }
        String password = SuperuserPassword.generate();
        programs.singleUser(SuperuserPassword.alterRole(password));
        SuperuserPassword.write(passwordFile, password);
        // Earlier versions created the data directory 0755, so others could list it.
        Files.setPosixFilePermissions(dataDirectory, OwnerOnlyFiles.DIRECTORY);
        log.info("The embedded PostgreSQL has a new password, kept in {}: it no longer lets other local users in",
                passwordFile);
        return password;
    }

    /**
     * Options on the command line win over postgresql.conf and ALTER SYSTEM, so these hold
     * whatever the data directory says.
     */
    private static Map<String, String> serverSettings() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("listen_addresses", HOST);
        // No Unix socket: its default place, /tmp, is open to every account on the machine.
        settings.put("unix_socket_directories", "");
        settings.put("password_encryption", "scram-sha-256");
        // This database holds a person's data: every commit is durable.
        settings.put("fsync", "on");
        settings.put("synchronous_commit", "on");
        settings.put("max_connections", "100");
        settings.put("timezone", "UTC");
        return settings;
    }

    private void startServer(Path passwordFile) {
        programs.start(port, serverSettings());
        try (Connection ignored = DriverManager.getConnection(url().jdbcUrl(), credentials())) {
            // it answers, and the password is the one in the file
        } catch (SQLException e) {
            stopServer();
            if ("28P01".equals(e.getSQLState())) {
                throw new IllegalStateException("the password in " + passwordFile + " is not the database's."
                        + " Delete that file and start again: Cruddur then gives the database a new password", e);
            }
            throw new IllegalStateException("PostgreSQL started but does not answer: " + e.getMessage(), e);
        }
    }

    private Properties credentials() {
        Properties properties = new Properties();
        properties.setProperty("user", PostgresPrograms.SUPERUSER);
        properties.setProperty("password", password);
        return properties;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return socket.getLocalPort();
        }
    }

    /** True when this start created the data directory: the one time seed data is loaded by itself. */
    public boolean created() {
        return created;
    }

    public int port() {
        return port;
    }

    /** The superuser's address, password included (a {@link DatabaseUrl} never prints it). */
    public DatabaseUrl url() {
        return new DatabaseUrl("jdbc:postgresql://" + HOST + ":" + port + "/postgres", PostgresPrograms.SUPERUSER, password);
    }

    @Override
    public void close() {
        try {
            stopServer();
        } finally {
            try {
                lock.close();
            } catch (IOException e) {
                throw new UncheckedIOException("could not release the lock on the embedded data directory", e);
            }
        }
    }

    private void stopServer() {
        try {
            programs.stop();
        } catch (RuntimeException e) {
            log.error("The embedded PostgreSQL did not stop cleanly; see {}", programs.log(), e);
        }
    }
}
