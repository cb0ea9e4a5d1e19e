package dev.cruddur.database;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Builds the HikariCP pool every process of Cruddur talks to PostgreSQL through. */
public final class ConnectionPool {

    /**
     * What the connections are for, which decides how long one statement may take.
     */
    public enum Workload {
        /**
         * The API: every statement ends within {@link #STATEMENT_TIMEOUT}, cancelled by PostgreSQL
         * itself, and a connection whose server stopped answering is given up after
         * {@link #SOCKET_TIMEOUT}, so no request waits on the database for longer than that.
         * Statements are prepared on the server and planned once ({@link #PLAN_CACHE_MODE}), and
         * never JIT-compiled ({@link #JIT}) nor split across worker processes
         * ({@link #PARALLEL_WORKERS_PER_QUERY}).
         */
        REQUESTS,
        /**
         * Work the server does by itself, beside the requests, on a pool of its own (purging
         * expired cruds): short statements, each ended within {@link #BACKGROUND_STATEMENT_TIMEOUT},
         * and a wait for a lock given up after {@link #BACKGROUND_LOCK_TIMEOUT}, so such work
         * never sits for long holding its own locks (on which a migration's, and behind it
         * every reader, would queue). Not the requests' 1.5 s: a batch of a thousand deletes
         * may take longer than a read on a busy database, and it is retried only at the next run.
         */
        BACKGROUND,
        /**
         * Migrations and operator tools: building an index over millions of rows may take minutes,
         * so nothing is bounded but connecting.
         */
        MAINTENANCE
    }

    /**
     * Longer than any query the API runs takes (feeds are bounded and indexed: a search over a
     * million cruds took 30-40 ms at its 99th percentile in the benchmark), shorter than
     * {@link #SOCKET_TIMEOUT}, so a statement that is merely slow (a lock, an overloaded
     * database) is cancelled by the server and its connection stays usable.
     */
    public static final Duration STATEMENT_TIMEOUT = Duration.ofMillis(1500);
    /**
     * A connection on which nothing arrives for this long is broken: the network stalled, or the
     * server is gone without a word. pgjdbc counts it in whole seconds.
     */
    public static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(2);
    /**
     * The longest a request waits for a free connection before it is answered 503: with the
     * answer's own overhead, within the 2 s a client is promised while the database is down.
     */
    public static final Duration CONNECTION_TIMEOUT = Duration.ofMillis(1500);
    /** A purge batch of a thousand rows took 0.1 s (0.6 s with a cold cache) on a loaded 2-core machine; ten is something stuck. */
    public static final Duration BACKGROUND_STATEMENT_TIMEOUT = Duration.ofSeconds(10);
    /**
     * Twice the longest a request can hold a row lock ({@link #STATEMENT_TIMEOUT}, in autocommit),
     * so ordinary traffic never makes background work give up, while a lock held by something
     * else (an operator's open transaction) is given up on in seconds.
     */
    public static final Duration BACKGROUND_LOCK_TIMEOUT = Duration.ofSeconds(3);
    /** Longer than {@link #BACKGROUND_STATEMENT_TIMEOUT}, so PostgreSQL cancels a slow statement first. */
    public static final Duration BACKGROUND_SOCKET_TIMEOUT = Duration.ofSeconds(15);

    /**
     * How the server's statements are planned: once per connection, with the parameters left
     * open, and that plan reused for every execution. PostgreSQL's default ({@code auto}) plans
     * each of the first five executions for its parameters and then keeps doing so whenever the
     * generic plan's estimate is worse; for a feed's {@code LIMIT $n} it always is (an unknown
     * limit is costed as a tenth of the table), so every page was planned afresh: 0.1-0.25 ms
     * of the database's CPU per request, more than running the query. The generic plans read the
     * same indexes ({@code QueryPlansTest} checks each at a million rows). Search is the one
     * statement whose best plan depends on its parameter, and asks for its own planning.
     */
    public static final String PLAN_CACHE_MODE = "force_generic_plan";

    /**
     * PostgreSQL's JIT compilation of a statement's expressions, off for the server's statements.
     * It starts above a plan cost ({@code jit_above_cost}), and a generic plan's cost grows with
     * the table, since an unknown {@code LIMIT} is costed as a tenth of its rows: at ten million
     * activities the home feed's plan crossed it, and each page, which reads 21 index entries
     * in 2 ms, spent 17 ms compiling and 120 ms in all (167 requests a second instead of
     * thousands). Statements that read a few dozen rows never repay a compilation.
     */
    public static final String JIT = "off";

    /**
     * No parallel workers for the server's statements. At ten million activities the planner
     * chose a parallel walk of the home index for a word search: each request started two
     * worker processes, sixteen requests at once asked for 32 on a two-core machine, and a page
     * took 1.5 s of the database (wrk counted 7 requests a second, the rest timed out). A
     * request's statement reads a page; it is the requests that run side by side.
     */
    public static final int PARALLEL_WORKERS_PER_QUERY = 0;

    /** The URL parameters the server's pools set themselves (see {@link Workload#REQUESTS}). */
    private static final Set<String> BOUNDED_PARAMETERS = Set.of("options", "socketTimeout");

    private ConnectionPool() {
    }

    /** A pool for maintenance work (tools, tests): statements are not bounded. */
    public static HikariDataSource open(DatabaseUrl url, String applicationName, int maximumPoolSize) {
        return open(url, applicationName, maximumPoolSize, Workload.MAINTENANCE);
    }

    /**
     * @param applicationName shows up in {@code pg_stat_activity} (and {@code cruddur db sessions}),
     *                        so operators can tell the server's connections from the tools'
     */
    public static HikariDataSource open(DatabaseUrl url, String applicationName, int maximumPoolSize,
                                        Workload workload) {
        return new HikariDataSource(config(url, applicationName, maximumPoolSize, workload));
    }

    /**
     * As {@link #open(DatabaseUrl, String, int, Workload)}, but the pool is made even while the
     * database does not answer, and connects when a connection is asked for: for a read replica,
     * which may be down when the server starts and is used once it answers.
     */
    public static HikariDataSource openWithoutWaiting(DatabaseUrl url, String applicationName, int maximumPoolSize,
                                                      Workload workload) {
        HikariConfig config = config(url, applicationName, maximumPoolSize, workload);
        config.setInitializationFailTimeout(-1);
        return new HikariDataSource(config);
    }

    private static HikariConfig config(DatabaseUrl url, String applicationName, int maximumPoolSize, Workload workload) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(applicationName);
        Optional<Bounds> bounds = Bounds.of(workload);
        config.setJdbcUrl(bounds.isPresent() ? withoutParameters(url.jdbcUrl(), BOUNDED_PARAMETERS) : url.jdbcUrl());
        if (url.user() != null) {
            config.setUsername(url.user());
        }
        if (url.password() != null) {
            config.setPassword(url.password());
        }
        config.setMaximumPoolSize(maximumPoolSize);
        config.setMinimumIdle(Math.min(2, maximumPoolSize));
        // A request waits at most this long for a connection, then fails with a clear error
        // instead of hanging while the database is unreachable or the pool is exhausted.
        config.setConnectionTimeout(CONNECTION_TIMEOUT.toMillis());
        config.setValidationTimeout(Duration.ofSeconds(1).toMillis());
        config.addDataSourceProperty("ApplicationName", applicationName);
        config.addDataSourceProperty("connectTimeout", "2");
        config.addDataSourceProperty("tcpKeepAlive", "true");
        if (bounds.isPresent()) {
            // pgjdbc lets a URL parameter win over a property, so the URL's own options and
            // socketTimeout were taken out of it above and are merged here: the bounds always hold.
            Map<String, String> own = parameters(url.jdbcUrl());
            // Set at connection start-up, so they are the session's defaults: a RESET keeps them.
            // The last -c of a setting wins: the URL may choose another plan cache mode, but
            // the timeouts are ours.
            String options = bounds.get().defaults()
                    + (own.containsKey("options") ? " " + own.get("options") : "")
                    + " " + bounds.get().options();
            config.addDataSourceProperty("options", options.strip());
            if (workload == Workload.REQUESTS) {
                // A server-side prepared statement from the first execution (pgjdbc's default is the
                // fifth), so the generic plan is made once per connection and statement. A URL that
                // says otherwise (prepareThreshold=0 behind a pooler without prepared statements) wins.
                config.addDataSourceProperty("prepareThreshold", "1");
            }
            long socketTimeout = bounds.get().socketTimeout().toSeconds();
            try {
                long asked = Long.parseLong(own.getOrDefault("socketTimeout", "0").strip());
                socketTimeout = asked > 0 ? Math.min(asked, socketTimeout) : socketTimeout;
            } catch (NumberFormatException ignored) {
                // pgjdbc would refuse it anyway; ours stands
            }
            config.addDataSourceProperty("socketTimeout", String.valueOf(socketTimeout));
        }
        // PostgreSQL's error detail quotes row values ("Failing row contains (…)"), which can be
        // secrets or personal data, and errors end up in the log; the message and SQLState stay.
        config.addDataSourceProperty("logServerErrorDetail", "false");
        return config;
    }

    /**
     * What a bounded workload sets on each connection.
     *
     * @param defaults      PostgreSQL settings a URL's own {@code options} may change
     * @param options       PostgreSQL settings, as pgjdbc's {@code options} property ({@code -c name=value …}),
     *                      that always hold
     * @param socketTimeout the longest silence before the client gives the connection up
     */
    private record Bounds(String defaults, String options, Duration socketTimeout) {

        static Optional<Bounds> of(Workload workload) {
            return switch (workload) {
                case REQUESTS -> Optional.of(new Bounds("-c plan_cache_mode=" + PLAN_CACHE_MODE + " -c jit=" + JIT
                        + " -c max_parallel_workers_per_gather=" + PARALLEL_WORKERS_PER_QUERY,
                        "-c statement_timeout=" + STATEMENT_TIMEOUT.toMillis(), SOCKET_TIMEOUT));
                case BACKGROUND -> Optional.of(new Bounds("", "-c statement_timeout=" + BACKGROUND_STATEMENT_TIMEOUT.toMillis()
                        + " -c lock_timeout=" + BACKGROUND_LOCK_TIMEOUT.toMillis(), BACKGROUND_SOCKET_TIMEOUT));
                case MAINTENANCE -> Optional.empty();
            };
        }
    }

    /** The query parameters of a JDBC URL, decoded. */
    static Map<String, String> parameters(String jdbcUrl) {
        Map<String, String> parameters = new LinkedHashMap<>();
        int query = jdbcUrl.indexOf('?');
        if (query < 0) {
            return parameters;
        }
        for (String pair : jdbcUrl.substring(query + 1).split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                // Names as pgjdbc reads them (not decoded), values decoded.
                parameters.put(pair.substring(0, equals), decode(pair.substring(equals + 1)));
            }
        }
        return parameters;
    }

    static String withoutParameters(String jdbcUrl, Set<String> names) {
        int query = jdbcUrl.indexOf('?');
        if (query < 0) {
            return jdbcUrl;
        }
        List<String> kept = new ArrayList<>();
        for (String pair : jdbcUrl.substring(query + 1).split("&")) {
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            if (!pair.isEmpty() && !names.contains(name)) {
                kept.add(pair);
            }
        }
        return jdbcUrl.substring(0, query) + (kept.isEmpty() ? "" : "?" + String.join("&", kept));
    }

    private static String decode(String part) {
        try {
            return URLDecoder.decode(part, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            // Its message quotes the value, which may be a secret (sslpassword); pgjdbc will judge it.
            return part;
        }
    }
}
