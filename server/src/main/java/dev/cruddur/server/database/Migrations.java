package dev.cruddur.server.database;

import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfoService;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.locator.ClasspathSqlLocator;

/**
 * Applies a schema's migrations with Flyway; they only ever move forward. Core's
 * ({@code classpath:db/migration}) go to every database; the development identity provider's
 * ({@code classpath:db/local-cognito}, with a history table of their own) only to a database it
 * runs on, so a Cognito deployment's database has none of its tables.
 */
public final class Migrations {

    /** Where the schema stands: the last applied migration (empty for an empty database) and how many wait. */
    public record Status(Optional<String> currentVersion, int pending) {
    }

    private static final String LOCAL_IDENTITY_HISTORY = "local_cognito_schema_history";

    private final Jdbi jdbi;
    private final Flyway flyway;
    private final boolean localIdentity;

    private Migrations(DataSource dataSource, Flyway flyway, boolean localIdentity) {
        this.jdbi = Jdbi.create(dataSource);
        this.flyway = flyway;
        this.localIdentity = localIdentity;
    }

    /** Core's migrations: users, cruds and what serves them. */
    public Migrations(DataSource dataSource) {
        this(dataSource, Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .failOnMissingLocations(true)
                .load(), false);
    }

    /** The development identity provider's accounts, sign-ins and attempt counters. */
    public static Migrations localIdentity(DataSource dataSource) {
        return new Migrations(dataSource, Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/local-cognito")
                .table(LOCAL_IDENTITY_HISTORY)
                .failOnMissingLocations(true)
                .load(), true);
    }

    /** @return how many migrations were applied (0 when the schema was up to date) */
    public int migrate() {
        if (localIdentity) {
            adoptExistingTables();
        } else {
            jdbi.useHandle(h -> h.createScript(sql("releaseLocalIdentityHistory")).execute());
        }
        return flyway.migrate().migrationsExecuted;
    }

    /**
     * Flyway migrates a schema that already holds tables (core's) only from a baseline: the
     * version the provider's tables are at, 0 when they are not there yet.
     */
    private void adoptExistingTables() {
        if (flyway.info().current() == null) {
            int version = jdbi.withHandle(h -> h.createQuery(sql("localIdentityVersion")).mapTo(Integer.class).one());
            Flyway.configure().configuration(flyway.getConfiguration())
                    .baselineVersion(String.valueOf(version))
                    .baselineDescription(version == 0 ? "before the development identity provider tables"
                            : "development identity provider tables made by core migrations 3 to 5")
                    .load()
                    .baseline();
        }
    }

    /** One read of the schema history table. */
    public Status status() {
        MigrationInfoService info = flyway.info();
        Optional<String> version = Optional.ofNullable(info.current())
                .map(current -> current.getVersion().getVersion() + " " + current.getDescription());
        return new Status(version, info.pending().length);
    }

    /** Drops everything in the public schema (tables, data, extensions) and migrates again. */
    public int reset(Jdbi jdbi) {
        jdbi.useTransaction(h -> h.createScript(sql("reset")).execute());
        return migrate();
    }

    private static String sql(String name) {
        return ClasspathSqlLocator.create().locate(Migrations.class, name);
    }
}
