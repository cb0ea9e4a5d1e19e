package dev.cruddur.database;

import java.util.UUID;
import java.util.function.Function;
import org.jdbi.v3.core.Jdbi;

/**
 * Where a read-only use case runs its statements: on the primary, or on a read replica that
 * shows the reader everything they wrote themselves ({@link ReplicaRouting}). Writes never come
 * here: they, and what a write answers with, run on the primary's {@link Jdbi}.
 */
public interface Reads {

    /**
     * Runs {@code work} where this reader's reads go. Statements in {@code work} must not write.
     *
     * @param readerUuid the signed-in person who reads, or null for someone not signed in
     */
    <T> T read(UUID readerUuid, Function<Jdbi, T> work);

    /** Everything on the primary: no replicas configured, or tools and tests. */
    static Reads primaryOnly(Jdbi primary) {
        return new Reads() {
            @Override
            public <T> T read(UUID readerUuid, Function<Jdbi, T> work) {
                return work.apply(primary);
            }
        };
    }
}
