package dev.cruddur.server.database;

import com.zaxxer.hikari.HikariDataSource;
import dev.cruddur.database.ConnectionPool;
import dev.cruddur.database.DatabaseUrl;
import dev.cruddur.database.Jdbis;
import java.nio.file.Path;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * The database a Cruddur process works on: the one at DATABASE_URL, or the embedded one in the
 * data directory. Closing it closes the pool and stops the embedded server.
 */
public final class Database implements AutoCloseable {

    private final EmbeddedDatabase embedded;
    private final HikariDataSource dataSource;
    private final Jdbi jdbi;

    private Database(EmbeddedDatabase embedded, HikariDataSource dataSource) {
        this.embedded = embedded;
        this.dataSource = dataSource;
        this.jdbi = Jdbis.create(dataSource);
    }

    public static Database open(Optional<DatabaseUrl> url, Path dataDirectory, String applicationName, int poolSize) {
        if (url.isPresent()) {
            return new Database(null, connect(url.get(), applicationName, poolSize));
        }
        EmbeddedDatabase embedded = EmbeddedDatabase.start(dataDirectory);
        try {
            return new Database(embedded, connect(embedded.url(), applicationName, poolSize));
        } catch (RuntimeException e) {
            embedded.close();
            throw e;
        }
    }

    private static HikariDataSource connect(DatabaseUrl url, String applicationName, int poolSize) {
        try {
            return ConnectionPool.open(url, applicationName, poolSize);
        } catch (RuntimeException e) {
            // Hikari's message names the host but never the password.
            throw new IllegalStateException("Cannot connect to the database at " + url + ": " + rootMessage(e), e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage();
    }

    /** True for an embedded database whose data directory was created by this start. */
    public boolean isNewEmbedded() {
        return embedded != null && embedded.created();
    }

    public boolean isEmbedded() {
        return embedded != null;
    }

    public HikariDataSource dataSource() {
        return dataSource;
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    public Migrations migrations() {
        return new Migrations(dataSource);
    }

    @Override
    public void close() {
        dataSource.close();
        if (embedded != null) {
            embedded.close();
        }
    }
}
