package dev.cruddur.activity;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes the marks waiting on one crud together, in one statement. Every like and repost of a
 * crud holds the crud's row lock from its statement's start to its commit, so the marks on one
 * popular crud are written one after another however many connections carry them: one at a time,
 * a crud takes as many marks a second as one round trip allows (pgbench of one mark's SQL: about
 * 2,900 a second from one connection, and fewer from sixteen, which spend it on waking up;
 * docs/benchmarks.md). Here the marks on one crud wait in line instead, holding no connection, and
 * whoever is at the head writes every mark waiting behind it, up to {@link #MOST_IN_ONE}, in one
 * statement, then hands the head of the line to the first mark left waiting. With one mark at a
 * time nothing waits and each is written alone, at once.
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
        Map<UUID, Activity> write(UUID crud, List<Mark> marks);
    }

    private final Writer writer;
    private final Map<UUID, Line> lines = new ConcurrentHashMap<>();

    MarkBatches(Writer writer) {
        this.writer = writer;
    }

    /** @return the crud as the mark's author now sees it; empty when it is not visible */
    Optional<Activity> write(UUID crud, Mark mark) {
        Waiting mine = new Waiting(mark);
        boolean[] first = new boolean[1];
        // In the map's lock for this crud, as passOn is: a line is never joined as it is dropped.
        lines.compute(crud, (key, line) -> {
            Line joined = line == null ? new Line() : line;
            first[0] = joined.join(mine);
            return joined;
        });
        if (first[0] || mine.turn.join()) {
            lead(crud, mine);
        }
        return mine.answer();
    }

    /** Writes the marks at the head of the line, mine first, then passes the head on. */
    private void lead(UUID crud, Waiting mine) {
        List<Waiting> batch = List.of(mine);
        try {
            batch = lines.get(crud).take(mine);
            answer(crud, batch);
        } finally {
            for (Waiting each : batch) {
                each.finish();
            }
            passOn(crud);
        }
    }

    private void answer(UUID crud, List<Waiting> batch) {
        try {
            Map<UUID, Activity> seenBy = writer.write(crud, batch.stream().map(Waiting::mark).toList());
            batch.forEach(each -> each.answered(Optional.ofNullable(seenBy.get(each.mark.userUuid()))));
        } catch (RuntimeException failure) {
            if (batch.size() == 1) {
                batch.get(0).failed(failure);
                return;
            }
            // One mark's fault (its author deleted meanwhile, say) must not fail the others:
            // write each alone, in order.
            for (Waiting each : batch) {
                answer(crud, List.of(each));
            }
        }
    }

    /** The first mark still waiting leads next; with none, the line is gone until the next mark. */
    private void passOn(UUID crud) {
        Waiting[] next = new Waiting[1];
        lines.computeIfPresent(crud, (key, line) -> {
            next[0] = line.first();
            return next[0] == null ? null : line;
        });
        if (next[0] != null) {
            next[0].turn.complete(true);
        }
    }

    /** The marks waiting on one crud, in the order they came; guarded by its own monitor. */
    private static final class Line {

        private final ArrayDeque<Waiting> waiting = new ArrayDeque<>();
        private boolean led;

        /** @return true when nobody leads the line: the caller does */
        synchronized boolean join(Waiting mark) {
            waiting.addLast(mark);
            boolean first = !led;
            led = true;
            return first;
        }

        /**
         * Removes and returns the leader's mark and the marks behind it that can go with it: of
         * the same direction (given or taken back), and of a person and kind no mark ahead of
         * them in line has, whether taken or left waiting, so each person's marks keep their order.
         */
        synchronized List<Waiting> take(Waiting leader) {
            List<Waiting> taken = new ArrayList<>();
            List<Mark> ahead = new ArrayList<>();
            for (Iterator<Waiting> it = waiting.iterator(); it.hasNext() && taken.size() < MOST_IN_ONE; ) {
                Waiting candidate = it.next();
                Mark mark = candidate.mark;
                if (candidate == leader
                        || mark.adds() == leader.mark.adds() && ahead.stream().noneMatch(mark::sameMarkerAndKind)) {
                    taken.add(candidate);
                    it.remove();
                }
                ahead.add(mark);
            }
            return taken;
        }

        synchronized Waiting first() {
            return waiting.peekFirst();
        }
    }

    /** One mark in line, and what became of it. */
    private static final class Waiting {

        private final Mark mark;
        /** Completes with true when this mark is to lead the line, with false once it is written (or failed). */
        private final CompletableFuture<Boolean> turn = new CompletableFuture<>();
        private Optional<Activity> answer;
        private RuntimeException failure;

        Waiting(Mark mark) {
            this.mark = mark;
        }

        Mark mark() {
            return mark;
        }

        void answered(Optional<Activity> seen) {
            answer = seen;
        }

        void failed(RuntimeException cause) {
            failure = cause;
        }

        /** Wakes the mark's author; what is set before happens before what they read. */
        void finish() {
            if (answer == null && failure == null) {
                failure = new IllegalStateException("the mark was not written: its statement ended abruptly");
            }
            turn.complete(false);
        }

        Optional<Activity> answer() {
            if (failure != null) {
                throw failure;
            }
            return answer;
        }
    }
}
