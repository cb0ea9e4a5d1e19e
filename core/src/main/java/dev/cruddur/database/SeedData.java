package dev.cruddur.database;

import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.locator.ClasspathSqlLocator;

/**
 * The original app's seed data: the users andrewbrown and andrewbayko and one crud.
 * Idempotent, so running it twice (or on a database that already has them) adds nothing.
 */
public final class SeedData {

    private static final String SCRIPT = "db/seed/seed.sql";

    private final Jdbi jdbi;

    public SeedData(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public void apply() {
        String sql = ClasspathSqlLocator.getResourceOnClasspath(SeedData.class.getClassLoader(), SCRIPT);
        jdbi.useTransaction(handle -> handle.createScript(sql).execute());
    }
}
