package dev.cruddur.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cruddur.testkit.http.ApiClient;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Keeps every admission permit of a test server taken, for real: the test locks {@code activities}
 * and one more reader than there are permits asks again as soon as it is answered, so each read
 * waits on the lock (until PostgreSQL cancels it) while holding its permit.
 */
public final class FullAdmission implements AutoCloseable {

    private final Connection locker;
    private final AtomicBoolean loading = new AtomicBoolean(true);
    private final List<Thread> readers = new ArrayList<>();

    /** Returns once the server holds as many requests as it admits. */
    public FullAdmission(TestServer app) throws SQLException, InterruptedException {
        locker = app.database().dataSource().getConnection();
        try {
            locker.setAutoCommit(false);
            try (Statement statement = locker.createStatement()) {
                statement.execute("LOCK TABLE activities IN ACCESS EXCLUSIVE MODE");
            }
            ApiClient api = app.client();
            for (int i = 0; i <= app.admissionLimit(); i++) {
                Thread reader = new Thread(() -> {
                    while (loading.get()) {
                        api.get("/api/activities/search?term=busy");
                    }
                }, "full-admission-" + i);
                readers.add(reader);
                reader.start();
            }
            long deadline = System.nanoTime() + 1_000_000_000L;
            while (app.requestsInFlight() < app.admissionLimit() && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertThat(app.requestsInFlight()).as("requests in flight").isEqualTo(app.admissionLimit());
        } catch (RuntimeException | Error | SQLException | InterruptedException e) {
            close();
            throw e;
        }
    }

    @Override
    public void close() throws SQLException, InterruptedException {
        loading.set(false);
        try {
            locker.rollback();
        } finally {
            locker.close();
            for (Thread reader : readers) {
                reader.join();
            }
        }
    }
}
