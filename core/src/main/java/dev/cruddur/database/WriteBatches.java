package dev.cruddur.database;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes what waits at the same moment together, in one statement: for writes that would
 * otherwise go one after another, each paying a whole statement and a commit.
 *
 * <p>Writes wait in lines, one per key, holding no connection. Whoever is at the head of a line
 * writes every write waiting behind it that may go with it, up to a bound, in one statement, then
 * hands the head of the line to the first write left waiting. With one write at a time nothing
 * waits and each is written alone, at once; under load the statements grow with the load.
 * Writes with different keys are in different lines and never wait for each other.
 *
 * @param <K> what a line is for (the crud that marks are on, say)
 * @param <T> one write
 * @param <R> its answer
 */
public final class WriteBatches<K, T, R> {

    /** Writes one statement's writes. */
    @FunctionalInterface
    public interface Writer<K, T, R> {
        /** @return one answer per write, in their order */
        List<R> write(K key, List<T> writes);
    }

    /** Which writes waiting behind a leader may go in its statement. */
    @FunctionalInterface
    public interface Companions<T> {
        /**
         * @param ahead the writes ahead of {@code candidate} in line, whether taken or left waiting
         */
        boolean mayJoin(T leader, T candidate, List<T> ahead);

        /** Any write may go with any other. */
        static <T> Companions<T> any() {
            return (leader, candidate, ahead) -> true;
        }
    }

    private final int mostInOne;
    private final Companions<T> companions;
    private final Writer<K, T, R> writer;
    private final Map<K, Line> lines = new ConcurrentHashMap<>();

    /**
     * @param mostInOne most writes in one statement: bounds its size, and how long the writes behind it wait
     */
    public WriteBatches(int mostInOne, Companions<T> companions, Writer<K, T, R> writer) {
        this.mostInOne = mostInOne;
        this.companions = companions;
        this.writer = writer;
    }

    /**
     * Writes it, alone or with others.
     *
     * @throws RuntimeException what the writer threw for this write: a statement that fails is
     *                          written again write by write, so one write's fault (its author
     *                          deleted meanwhile, say) fails only that write; unless the
     *                          database is unavailable ({@link DatabaseUnavailable}), which
     *                          fails every write of the statement at once
     */
    public R write(K key, T write) {
        Waiting mine = new Waiting(write);
        boolean[] first = new boolean[1];
        // In the map's lock for this key, as passOn is: a line is never joined as it is dropped.
        lines.compute(key, (k, line) -> {
            Line joined = line == null ? new Line() : line;
            first[0] = joined.join(mine);
            return joined;
        });
        if (first[0] || mine.turn.join()) {
            lead(key, mine);
        }
        return mine.answer();
    }

    /** Writes the writes at the head of the line, mine first, then passes the head on. */
    private void lead(K key, Waiting mine) {
        List<Waiting> batch = List.of(mine);
        try {
            batch = lines.get(key).take(mine);
            answer(key, batch);
        } finally {
            for (Waiting each : batch) {
                each.finish();
            }
            passOn(key);
        }
    }

    private void answer(K key, List<Waiting> batch) {
        try {
            List<R> answers = writer.write(key, batch.stream().map(Waiting::write).toList());
            if (answers.size() != batch.size()) {
                throw new IllegalStateException(answers.size() + " answers to " + batch.size() + " writes");
            }
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).answered(answers.get(i));
            }
        } catch (RuntimeException failure) {
            if (batch.size() == 1 || DatabaseUnavailable.isCause(failure)) {
                // Written one by one, writes the database cannot take now would each wait out
                // the same timeout, the last of them for all the others' too.
                batch.forEach(each -> each.failed(failure));
                return;
            }
            for (Waiting each : batch) {
                answer(key, List.of(each));
            }
        }
    }

    /** The first write still waiting leads next; with none, the line is gone until the next write. */
    private void passOn(K key) {
        List<Waiting> next = new ArrayList<>(1);
        lines.computeIfPresent(key, (k, line) -> {
            Waiting first = line.first();
            if (first != null) {
                next.add(first);
            }
            return first == null ? null : line;
        });
        if (!next.isEmpty()) {
            next.get(0).turn.complete(true);
        }
    }

    /** The writes waiting for one key, in the order they came; guarded by its own monitor. */
    private final class Line {

        private final ArrayDeque<Waiting> waiting = new ArrayDeque<>();
        private boolean led;

        /** @return true when nobody leads the line: the caller does */
        synchronized boolean join(Waiting write) {
            waiting.addLast(write);
            boolean first = !led;
            led = true;
            return first;
        }

        /** Removes and returns the leader's write and the writes behind it that may go with it. */
        synchronized List<Waiting> take(Waiting leader) {
            List<Waiting> taken = new ArrayList<>();
            List<T> ahead = new ArrayList<>();
            for (Iterator<Waiting> it = waiting.iterator(); it.hasNext() && taken.size() < mostInOne; ) {
                Waiting candidate = it.next();
                if (candidate == leader || companions.mayJoin(leader.write, candidate.write, ahead)) {
                    taken.add(candidate);
                    it.remove();
                }
                ahead.add(candidate.write);
            }
            return taken;
        }

        synchronized Waiting first() {
            return waiting.peekFirst();
        }
    }

    /** One write in line, and what became of it. */
    private final class Waiting {

        private final T write;
        /** Completes with true when this write is to lead the line, with false once it is written (or failed). */
        private final CompletableFuture<Boolean> turn = new CompletableFuture<>();
        private R answer;
        private boolean answered;
        private RuntimeException failure;

        Waiting(T write) {
            this.write = write;
        }

        T write() {
            return write;
        }

        void answered(R value) {
            answer = value;
            answered = true;
        }

        void failed(RuntimeException cause) {
            failure = cause;
        }

        /** Wakes the write's author; what is set before happens before what they read. */
        void finish() {
            if (!answered && failure == null) {
                failure = new IllegalStateException("not written: its statement ended abruptly");
            }
            turn.complete(false);
        }

        R answer() {
            if (failure != null) {
                throw failure;
            }
            return answer;
        }
    }
}
