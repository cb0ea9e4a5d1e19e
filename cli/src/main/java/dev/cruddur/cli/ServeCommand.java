package dev.cruddur.cli;

import dev.cruddur.cli.logging.LogFormat;
import dev.cruddur.ops.CommandFailure;
import dev.cruddur.server.CruddurApp;
import dev.cruddur.server.ServerSettings;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        description = {
                "Start Cruddur: the web app and its JSON API (/api), on port 4567 unless told otherwise.",
                "Applies pending database migrations first. Without DATABASE_URL it runs an embedded",
                "PostgreSQL 16 whose data survives restarts, and loads the seed data when it is new.",
                "Without COGNITO_USER_POOL_ID (or COGNITO_ISSUER) it is its own identity provider: the",
                "Cognito user-pool protocol at /local-cognito, app client cruddur-local, with sign-up",
                "confirmation codes written to this log.",
                "Every minute it deletes the cruds that have self-destructed, and their replies",
                "(one server at a time when several share a database; see --purge-interval).",
                "",
                "Where it listens: with its own identity provider, on 127.0.0.1 only (anyone who can reach",
                "the port could sign up), and it answers only requests addressed to localhost, 127.x.x.x or",
                "[::1] (ALLOWED_HOSTS adds names); with Cognito, on every interface. --host (or HOST)",
                "says otherwise: in a container, --host 0.0.0.0 (then publish the port to 127.0.0.1 only,",
                "e.g. docker run -p 127.0.0.1:4567:4567, unless Cognito is configured)."},
        footer = {"", "Examples:", "  cruddur serve", "  cruddur serve --port 8080 --data-dir /tmp/cruddur-demo",
                "  cruddur serve --host 0.0.0.0        # in a container"})
final class ServeCommand implements Callable<Integer> {

    @ParentCommand
    private CruddurCommand root;

    @Mixin
    private DatabaseOptions database;

    @Option(names = "--port", paramLabel = "PORT", description = "HTTP port (default: $PORT or 4567; 0 picks a free one).")
    private Integer port;

    @Option(names = "--host", paramLabel = "ADDRESS", description = "Address to listen on (default: $HOST, else 127.0.0.1"
            + " with the development identity provider and 0.0.0.0, every interface, with Cognito).")
    private String host;

    @Option(names = "--purge-interval", paramLabel = "TIME",
            description = "How often expired cruds are deleted: 30s, 5m, 1h (1s to 24h), or off to leave it to "
                    + "`cruddur db purge-expired` (default: $CRUDDUR_PURGE_INTERVAL or 1m).")
    private String purgeInterval;

    @Override
    public Integer call() throws InterruptedException {
        // The log's format was chosen (text, if the value is wrong) before this runs; a wrong one stops here.
        LogFormat.fromEnvironment(environment());
        ServerSettings settings = ServerSettings.fromEnvironment(environment());
        CompletableFuture<CruddurApp> started = new CompletableFuture<>();
        CountDownLatch stopped = new CountDownLatch(1);
        // Ctrl-C or SIGTERM runs this once (a second signal during the stop changes nothing). It is
        // registered before the start: a stop that arrives while migrations run waits for the start
        // to finish, then stops cleanly, rather than leaving the embedded PostgreSQL running.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                started.join().close();
            } catch (CompletionException startFailed) {
                // the start closed what it had opened, and reported why
            } finally {
                stopped.countDown();
            }
        }, "cruddur-shutdown"));
        try {
            started.complete(CruddurApp.start(settings));
        } catch (RuntimeException | Error e) {
            started.completeExceptionally(e);
            throw e;
        }
        // Runs until the process is asked to stop. The JVM then exits with 143 (128 + SIGTERM) or
        // 130 (Ctrl-C), the status a signal gives, after the hook has stopped everything.
        stopped.await();
        return 0;
    }

    /** The environment with the flags in place of their variables. */
    private Map<String, String> environment() {
        Map<String, String> environment = new HashMap<>(database.environment(root.environment()));
        if (port != null) {
            environment.put("PORT", port.toString());
        }
        if (host != null) {
            environment.put("HOST", host);
        }
        if (purgeInterval != null) {
            try {
                // Checked here so that the error names the flag, not the variable.
                ServerSettings.purgeInterval("--purge-interval", purgeInterval);
            } catch (IllegalArgumentException e) {
                throw CommandFailure.usage(e.getMessage());
            }
            environment.put("CRUDDUR_PURGE_INTERVAL", purgeInterval);
        }
        return environment;
    }
}
