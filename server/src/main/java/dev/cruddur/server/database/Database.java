package dev.cruddur.server.database;

import com.zaxxer.hikari.HikariDataSource;
import dev.cruddur.database.ConnectionPool;
import dev.cruddur.database.ConnectionPool.Workload;
import dev.cruddur.database.DatabaseUrl;
import dev.cruddur.database.Jdbis;
import java.nio.file.Path;
import java.util.Optional;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;

/**
 * The database a Cruddur process works on: the one at DATABASE_URL, or the embedded one in the
 * data directory. Closing it closes the pool and stops the embedded server.
 */
public final class Database implements AutoCloseable {

    private final EmbeddedDatabase embedded;
    private final DatabaseUrl url;
    private final String applicationName;
    private final HikariDataSource dataSource;
    private final Jdbi jdbi;

    private Database(EmbeddedDatabase embedded, DatabaseUrl url, String applicationName, HikariDataSource dataSource) {
        this.embedded = embedded;
        this.url = url;
        this.applicationName = applicationName;
        this.dataSource = dataSource;
        this.jdbi = Jdbis.create(dataSource);
    }

    /** For the tools: statements are not bounded. */
    public static Database open(Optional<DatabaseUrl> url, Path dataDirectory, String applicationName, int poolSize) {
        return open(url, dataDirectory, applicationName, poolSize, Workload.MAINTENANCE);
    }

    public static Database open(Optional<DatabaseUrl> url, Path dataDirectory, String applicationName, int poolSize,
                                Workload workload) {
        if (url.isPresent()) {
            return new Database(null, url.get(), applicationName, connect(url.get(), applicationName, poolSize, workload));
        }
        EmbeddedDatabase embedded = EmbeddedDatabase.start(dataDirectory);
        try {
            return new Database(embedded, embedded.url(), applicationName,
                    connect(embedded.url(), applicationName, poolSize, workload));
        } catch (RuntimeException e) {
            embedded.close();
            throw e;
        }
    }

    private static HikariDataSource connect(DatabaseUrl url, String applicationName, int poolSize, Workload workload) {
        try {
            return ConnectionPool.open(url, applicationName, poolSize, workload);
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
        return Migrations.core(dataSource);
    }

    /**
     * Applies pending migrations over connections of their own, closed afterwards: the server's
     * pool bounds every statement, and an index built over millions of rows must not be cut short.
     *
     * @param withLocalIdentity the development identity provider's own tables too (see
     *                          {@link Migrations#localIdentity}): only where it runs
     * @return how many migrations were applied
     */
    public int applyMigrations(boolean withLocalIdentity) {
        try (HikariDataSource maintenance = openPool("migrations", 2, Workload.MAINTENANCE)) {
            int applied = Migrations.core(maintenance).migrate();
            return withLocalIdentity ? applied + Migrations.localIdentity(maintenance).migrate() : applied;
        }
    }

    /**
     * Another pool on the same database, for work that must not take (or wait for) the main
     * pool's connections, nor have its bounds. The caller closes it, before this database.
     *
     * @param purpose ends the pool's application name ({@code cruddur-server-purge}), so that
     *                {@code cruddur db sessions} tells its connections apart
     */
    public HikariDataSource openPool(String purpose, int size, Workload workload) {
        return connect(url, applicationName + "-" + purpose, size, workload);
    }

    @Override
    public void close() {
        dataSource.close();
        if (embedded != null) {
            embedded.close();
        }
    }
}
