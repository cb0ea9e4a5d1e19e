package dev.cruddur.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.cruddur.database.DatabaseUrl;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Two real PostgreSQL servers of the machine's installation on free ports: a primary, and a
 * streaming replica made from it with {@code pg_basebackup -R}, as an operator (or RDS) makes one.
 * Both run as the {@code postgres} OS account (PostgreSQL refuses to run as root) in a temporary
 * directory, accept anyone from 127.0.0.1 (trust), and hold a database {@code cruddur}. A test can
 * hold the replica back ({@link #pauseReplay}), stop it and start it again.
 *
 * <p>Needs root (for {@code runuser}) and PostgreSQL's server programs ({@link #BIN}); the test is
 * skipped, saying so, without them.
 */
public final class StreamingReplica implements AutoCloseable {

    /** Debian's PostgreSQL 15 (the machine's service); override with -Dcruddur.pgbin. */
    public static final Path BIN = Path.of(System.getProperty("cruddur.pgbin", "/usr/lib/postgresql/15/bin"));
    private static final String OS_USER = "postgres";
    private static final String DATABASE = "cruddur";

    private final Path directory;
    private final int primaryPort;
    private final int replicaPort;

    private StreamingReplica(Path directory, int primaryPort, int replicaPort) {
        this.directory = directory;
        this.primaryPort = primaryPort;
        this.replicaPort = replicaPort;
    }

    /** Makes and starts both servers, and waits until the replica has replayed the database's creation. */
    public static StreamingReplica start() {
        assumeTrue(OtherOsUser.isRoot(), "needs root: PostgreSQL's servers run as the postgres account, through runuser");
        assumeTrue(Files.isExecutable(BIN.resolve("pg_basebackup")), "needs PostgreSQL's server programs in " + BIN);
        Path directory;
        try {
            directory = Files.createTempDirectory("cruddur-replication-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        StreamingReplica servers = new StreamingReplica(directory, freePort(), freePort());
        try {
            servers.create();
            return servers;
        } catch (RuntimeException e) {
            servers.close();
            throw e;
        }
    }

    private void create() {
        run("chown", OS_USER, directory.toString());
        asPostgres(BIN.resolve("initdb").toString(), "-D", primaryData().toString(), "-A", "trust", "-U", "postgres",
                "--no-sync", "-E", "UTF8", "--locale=C.UTF-8");
        try {
            // A second's checkpoints and fsync off: these servers live for one test run.
            Files.writeString(primaryData().resolve("postgresql.conf"), String.join("\n",
                    "listen_addresses = '127.0.0.1'",
                    "unix_socket_directories = '" + directory + "'",
                    "wal_level = replica",
                    "max_wal_senders = 5",
                    "hot_standby = on",
                    "hot_standby_feedback = on",
                    "fsync = off",
                    "full_page_writes = off",
                    "shared_buffers = 32MB",
                    "max_connections = 100",
                    ""), StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        pgCtl(primaryData(), primaryPort, "start");
        execute(primaryPort, "postgres", "CREATE DATABASE " + DATABASE);
        asPostgres(BIN.resolve("pg_basebackup").toString(), "-h", "127.0.0.1", "-p", String.valueOf(primaryPort),
                "-U", "postgres", "-D", replicaData().toString(), "-R", "-X", "stream", "--no-sync", "--checkpoint=fast");
        startReplica();
    }

    /** The primary's {@code cruddur} database, for DATABASE_URL. */
    public DatabaseUrl primary() {
        return DatabaseUrl.parse("postgresql://postgres@127.0.0.1:" + primaryPort + "/" + DATABASE);
    }

    /** The replica's {@code cruddur} database, for DATABASE_READ_URL. */
    public DatabaseUrl replica() {
        return DatabaseUrl.parse("postgresql://postgres@127.0.0.1:" + replicaPort + "/" + DATABASE);
    }

    public int primaryPort() {
        return primaryPort;
    }

    public int replicaPort() {
        return replicaPort;
    }

    /** Holds the replica back: it keeps receiving the primary's WAL, and shows none of it until {@link #resumeReplay}. */
    public void pauseReplay() {
        execute(replicaPort, DATABASE, "SELECT pg_wal_replay_pause()");
    }

    public void resumeReplay() {
        execute(replicaPort, DATABASE, "SELECT pg_wal_replay_resume()");
    }

    /** Stops the replica at once ({@code pg_ctl stop -m fast}): its connections are cut. */
    public void stopReplica() {
        pgCtl(replicaData(), replicaPort, "stop", "-m", "fast");
    }

    /** Starts the replica (again) and waits until it accepts connections. */
    public void startReplica() {
        pgCtl(replicaData(), replicaPort, "start");
        awaitReplica();
    }

    /** Waits until the replica has replayed everything the primary had written when this was called. */
    public void awaitCaughtUp(Duration within) {
        String target = queryOne(primaryPort, DATABASE, "SELECT pg_current_wal_lsn()::text");
        long end = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < end) {
            if ("t".equals(queryOne(replicaPort, DATABASE, "SELECT (pg_last_wal_replay_lsn() >= '" + target + "')::text")
                    .substring(0, 1))) {
                return;
            }
            sleep(50);
        }
        throw new AssertionError("the replica did not replay up to " + target + " within " + within);
    }

    /** One value from a query on either server (by port). */
    public String queryOne(int port, String database, String sql) {
        try (Connection connection = DriverManager.getConnection(
                "jdbc:postgresql://127.0.0.1:" + port + "/" + database, "postgres", "");
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    private void execute(int port, String database, String sql) {
        try (Connection connection = DriverManager.getConnection(
                "jdbc:postgresql://127.0.0.1:" + port + "/" + database, "postgres", "");
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    private void awaitReplica() {
        long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        SQLException last = null;
        while (System.nanoTime() < end) {
            try (Connection connection = DriverManager.getConnection(
                    "jdbc:postgresql://127.0.0.1:" + replicaPort + "/" + DATABASE, "postgres", "")) {
                return;
            } catch (SQLException e) {
                last = e;
                sleep(100);
            }
        }
        throw new IllegalStateException("the replica does not accept connections", last);
    }

    private Path primaryData() {
        return directory.resolve("primary");
    }

    private Path replicaData() {
        return directory.resolve("replica");
    }

    private void pgCtl(Path data, int port, String... action) {
        List<String> command = new ArrayList<>(List.of(BIN.resolve("pg_ctl").toString(), "-D", data.toString(), "-w",
                "-t", "60", "-l", data + ".log", "-o", "-p " + port));
        command.addAll(List.of(action));
        asPostgres(command.toArray(String[]::new));
    }

    private void asPostgres(String... command) {
        List<String> full = new ArrayList<>(List.of("runuser", "-u", OS_USER, "--"));
        full.addAll(List.of(command));
        run(full.toArray(String[]::new));
    }

    private static void run(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Stops both servers (the replica first) and deletes their directories. */
    @Override
    public void close() {
        for (Path data : List.of(replicaData(), primaryData())) {
            if (Files.exists(data.resolve("postmaster.pid"))) {
                try {
                    pgCtl(data, 0, "stop", "-m", "immediate");
                } catch (RuntimeException e) {
                    // gone already
                }
            }
        }
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a temporary directory: left behind at worst
        }
    }
}
