package dev.cruddur.activity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class OneMarkAtATimeTest {

    private final OneMarkAtATime gate = new OneMarkAtATime();

    @Test
    void marksOfOneCrudGoOneAtATimeAndEachGetsItsAnswer() throws Exception {
        UUID crud = UUID.randomUUID();
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger mostInside = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                int mark = i;
                answers.add(pool.submit(() -> gate.on(crud, () -> {
                    mostInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
                    Thread.onSpinWait();
                    inside.decrementAndGet();
                    return mark;
                })));
            }
            for (int i = 0; i < answers.size(); i++) {
                assertThat(answers.get(i).get(10, TimeUnit.SECONDS)).isEqualTo(i);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(mostInside).hasValue(1);
    }

    @Test
    void aMarkOfAnotherCrudDoesNotWait() throws Exception {
        UUID busy = new UUID(0, 1);
        UUID other = new UUID(0, 2);
        assertThat(Math.floorMod(busy.hashCode(), 256)).isNotEqualTo(Math.floorMod(other.hashCode(), 256));
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<Object> held = pool.submit(() -> gate.on(busy, () -> {
                holding.countDown();
                try {
                    return release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }));
            assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(gate.on(other, () -> "answered while the other crud's mark is held")).isNotNull();
            release.countDown();
            assertThat(held.get(10, TimeUnit.SECONDS)).isEqualTo(true);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aFailingMarkLetsTheNextOneIn() throws Exception {
        UUID crud = UUID.randomUUID();
        try {
            gate.on(crud, () -> {
                throw new IllegalStateException("the database said no");
            });
        } catch (IllegalStateException expected) {
            // the lock must be released all the same
        }
        // From another thread: the lock is reentrant, so this one would get in regardless.
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            assertThat(pool.submit(() -> gate.on(crud, () -> "next")).get(10, TimeUnit.SECONDS)).isEqualTo("next");
        } finally {
            pool.shutdownNow();
        }
    }
}
