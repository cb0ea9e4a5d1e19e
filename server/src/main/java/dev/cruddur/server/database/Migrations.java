package dev.cruddur.server.database;

import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfoService;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.locator.ClasspathSqlLocator;

/** Applies core's migrations ({@code classpath:db/migration}) with Flyway. They only ever move forward. */
public final class Migrations {

    /** Where the schema stands: the last applied migration (empty for an empty database) and how many wait. */
    public record Status(Optional<String> currentVersion, int pending) {
    }

    private final Flyway flyway;

    public Migrations(DataSource dataSource) {
        this.flyway = Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .failOnMissingLocations(true)
                .load();
    }

    /** @return how many migrations were applied (0 when the schema was up to date) */
    public int migrate() {
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
        String script = ClasspathSqlLocator.create().locate(Migrations.class, "reset");
        jdbi.useTransaction(h -> h.createScript(script).execute());
        return migrate();
    }
}
