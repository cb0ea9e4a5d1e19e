package dev.cruddur.cli;

import dev.cruddur.server.CruddurApp;
import dev.cruddur.server.ServerSettings;
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
                "confirmation codes written to this log."},
        footer = {"", "Examples:", "  cruddur serve", "  cruddur serve --port 8080 --data-dir /tmp/cruddur-demo"})
final class ServeCommand implements Callable<Integer> {

    @ParentCommand
    private CruddurCommand root;

    @Mixin
    private DatabaseOptions database;

    @Option(names = "--port", paramLabel = "PORT", description = "HTTP port (default: $PORT or 4567; 0 picks a free one).")
    private Integer port;

    @Override
    public Integer call() throws InterruptedException {
        ServerSettings settings = database.settings(root.environment());
        if (port != null) {
            settings = settings.withPort(port);
        }
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
}
