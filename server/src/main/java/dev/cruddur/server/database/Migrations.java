package dev.cruddur.server.database;

import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.locator.ClasspathSqlLocator;

/** Applies core's migrations ({@code classpath:db/migration}) with Flyway. They only ever move forward. */
public final class Migrations {

    private final DataSource dataSource;

    public Migrations(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** @return how many migrations were applied (0 when the schema was up to date) */
    public int migrate() {
        return flyway().migrate().migrationsExecuted;
    }

    /** The version of the last applied migration; empty for an empty database. */
    public Optional<String> currentVersion() {
        MigrationInfo current = flyway().info().current();
        return Optional.ofNullable(current).map(info -> info.getVersion().getVersion() + " " + info.getDescription());
    }

    public int pendingCount() {
        return flyway().info().pending().length;
    }

    /** Drops everything in the public schema (tables, data, extensions) and migrates again. */
    public int reset(Jdbi jdbi) {
        String script = ClasspathSqlLocator.create().locate(Migrations.class, "reset");
        jdbi.useTransaction(h -> h.createScript(script).execute());
        return migrate();
    }

    private Flyway flyway() {
        return Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .failOnMissingLocations(true)
                .load();
    }
}
