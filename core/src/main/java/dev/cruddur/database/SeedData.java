package dev.cruddur.database;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.jdbi.v3.core.Jdbi;

/**
 * The original app's seed data: the users andrewbrown and andrewbayko and one crud.
 * Idempotent, so running it twice (or on a database that already has them) adds nothing.
 */
public final class SeedData {

    private static final String SCRIPT = "/db/seed/seed.sql";

    private final Jdbi jdbi;

    public SeedData(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public void apply() {
        String sql = readScript();
        jdbi.useTransaction(handle -> handle.createScript(sql).execute());
    }

    private static String readScript() {
        try (InputStream in = SeedData.class.getResourceAsStream(SCRIPT)) {
            if (in == null) {
                throw new IllegalStateException(SCRIPT + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
