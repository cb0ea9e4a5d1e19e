package dev.cruddur.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.TimeUnit;

/** The threads waiting in a {@link WriteBatches} line behind a statement being written, for tests that line writes up. */
public final class WaitingInLine {

    private WaitingInLine() {
    }

    /** Threads parked in {@link WriteBatches#write} that do not lead (a leader is in {@code lead}). */
    public static long count() {
        return Thread.getAllStackTraces().entrySet().stream()
                .filter(e -> e.getKey().getState() == Thread.State.WAITING)
                .map(e -> List.of(e.getValue()).stream()
                        .filter(frame -> frame.getClassName().startsWith(WriteBatches.class.getName()))
                        .map(StackTraceElement::getMethodName).toList())
                .filter(methods -> methods.contains("write") && !methods.contains("lead"))
                .count();
    }

    /** Until at least {@code count} threads wait in line (10 s at most, then fails). */
    public static void until(long count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (count() < count && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        assertThat(count()).as("writes waiting in line").isGreaterThanOrEqualTo(count);
    }
}
