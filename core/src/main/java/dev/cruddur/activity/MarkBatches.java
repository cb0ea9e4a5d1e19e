package dev.cruddur.activity;

import dev.cruddur.database.WriteBatches;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Writes the marks waiting on one crud together, in one statement. Every like and repost of a
 * crud holds the crud's row lock from its statement's start to its commit, so the marks on one
 * popular crud are written one after another however many connections carry them: one at a time,
 * a crud takes as many marks a second as one round trip allows (pgbench of one mark's SQL: about
 * 2,900 a second from one connection, and fewer from sixteen, which spend it on waking up;
 * docs/benchmarks.md). Here the marks on one crud wait in one line instead ({@link WriteBatches}),
 * and are written up to {@link #MOST_IN_ONE} in one statement.
 *
 * <p>One statement gives marks or takes them back, not both (see addMarks.sql): the marks of the
 * other direction wait for a later one. So does a person's second mark of the same kind while
 * the first waits (a like and its quick unlike), so their marks are written in the order they
 * came. The database's row lock still decides between this process and any other.
 */
final class MarkBatches {

    /** Most marks in one statement: bounds its size, and how long the marks behind it wait. */
    static final int MOST_IN_ONE = 64;

    /** Writes marks on one crud, all given or all taken back, at most one per person and kind; see {@link ActivityDao#changeMarks}. */
    @FunctionalInterface
    interface Writer {
        /** @return the crud as each person who marked it now sees it, by their uuid; none when it is not visible */
        Map<UUID, Activity> write(UUID crud, List<Mark> marks);
    }

    private final WriteBatches<UUID, Mark, Optional<Activity>> lines;

    MarkBatches(Writer writer) {
        this.lines = new WriteBatches<>(MOST_IN_ONE, MarkBatches::mayJoin, (crud, marks) -> {
            Map<UUID, Activity> seenBy = writer.write(crud, marks);
            return marks.stream().map(mark -> Optional.ofNullable(seenBy.get(mark.userUuid()))).toList();
        });
    }

    /** @return the crud as the mark's author now sees it; empty when it is not visible */
    Optional<Activity> write(UUID crud, Mark mark) {
        return lines.write(crud, mark);
    }

    /**
     * A mark goes with the leader's when it is of the same direction (given or taken back), and
     * of a person and kind no mark ahead of it in line has, whether taken or left waiting, so each
     * person's marks keep their order.
     */
    private static boolean mayJoin(Mark leader, Mark candidate, List<Mark> ahead) {
        return candidate.adds() == leader.adds() && ahead.stream().noneMatch(candidate::sameMarkerAndKind);
    }
}
