package dev.cruddur.server.database;

import dev.cruddur.localcognito.LocalCognito;
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

    /** What a schema's migrations need done first, on the same database. */
    @FunctionalInterface
    private interface Preparation {
        void prepare(Jdbi jdbi, Flyway flyway);
    }

    private final Jdbi jdbi;
    private final Flyway flyway;
    private final Preparation preparation;

    private Migrations(DataSource dataSource, Flyway flyway, Preparation preparation) {
        this.jdbi = Jdbi.create(dataSource);
        this.flyway = flyway;
        this.preparation = preparation;
    }

    /**
     * Core's migrations: users, cruds and what serves them. Core's history first lets go of the
     * three versions that were the development identity provider's ({@code releaseLocalIdentityHistory.sql}).
     */
    public static Migrations core(DataSource dataSource) {
        return new Migrations(dataSource, flyway(dataSource, "classpath:db/migration", "flyway_schema_history"),
                (jdbi, flyway) -> jdbi.useHandle(h -> h.createScript(sql("releaseLocalIdentityHistory")).execute()));
    }

    /**
     * The development identity provider's accounts, sign-ins and attempt counters. Flyway
     * migrates a schema that already holds tables (core's) only from a baseline, so a first run
     * records one: the version the provider's tables are at ({@code localIdentityVersion.sql}).
     */
    public static Migrations localIdentity(DataSource dataSource) {
        return new Migrations(dataSource, flyway(dataSource, LocalCognito.MIGRATIONS, LocalCognito.MIGRATIONS_HISTORY),
                (jdbi, flyway) -> jdbi.withHandle(h -> h.createQuery(sql("localIdentityVersion")).mapTo(Integer.class).findOne())
                        .ifPresent(version -> Flyway.configure().configuration(flyway.getConfiguration())
                                .baselineVersion(String.valueOf(version))
                                // (no apostrophe: Flyway writes the description into its SQL as it is)
                                .baselineDescription(version == 0 ? "before the development identity provider tables"
                                        : "development identity provider tables made by core migrations 3 to 5")
                                .load()
                                .baseline()));
    }

    private static Flyway flyway(DataSource dataSource, String location, String historyTable) {
        return Flyway.configure()
                .dataSource(dataSource)
                .locations(location)
                .table(historyTable)
                .failOnMissingLocations(true)
                .load();
    }

    /** @return how many migrations were applied (0 when the schema was up to date) */
    public int migrate() {
        preparation.prepare(jdbi, flyway);
        return flyway.migrate().migrationsExecuted;
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
