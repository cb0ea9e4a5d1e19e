package dev.cruddur.activity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cruddur.database.WaitingInLine;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * How marks wait in line and are written together. The writer here records what it is asked to
 * write and answers each person with a crud whose message names their mark; the SQL behind the
 * real writer is tested against PostgreSQL in {@code ChangeMarksTest}.
 */
class MarkBatchesTest {

    private static final UUID CRUD = UUID.randomUUID();

    private final List<List<Mark>> statements = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger writing = new AtomicInteger();
    private final AtomicInteger mostWritingAtOnce = new AtomicInteger();
    private final ExecutorService people = Executors.newFixedThreadPool(16);
    private final CountDownLatch firstHeld = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private final UUID faulty = UUID.randomUUID();
    private final UUID unreachable = UUID.randomUUID();

    /**
     * Records each statement and answers every person; holds the first statement until
     * {@link #release} (so that marks can line up behind it), and fails any with a mark of
     * {@link #faulty}, and as if the database were unreachable any with a mark of {@link #unreachable}.
     */
    private final MarkBatches batches = new MarkBatches((crud, marks) -> {
        mostWritingAtOnce.accumulateAndGet(writing.incrementAndGet(), Math::max);
        try {
            statements.add(List.copyOf(marks));
            if (statements.size() == 1) {
                firstHeld.countDown();
                await(release);
            }
            if (marks.stream().anyMatch(mark -> mark.userUuid().equals(unreachable))) {
                throw new IllegalStateException(new SQLException("An I/O error occurred while sending to the backend.", "08006"));
            }
            if (marks.stream().anyMatch(mark -> mark.userUuid().equals(faulty))) {
                throw new IllegalStateException("insert or update on table \"reactions\" violates foreign key constraint");
            }
            return marks.stream().collect(Collectors.toMap(Mark::userUuid, MarkBatchesTest::seenAfter, (a, b) -> a));
        } finally {
            writing.decrementAndGet();
        }
    });

    @AfterEach
    void stop() {
        people.shutdownNow();
    }

    /** Starts a first mark and waits until its statement is being written, held. */
    private Future<Optional<Activity>> holdTheFirstStatement() {
        Future<Optional<Activity>> first = people.submit(() -> batches.write(CRUD, like(UUID.randomUUID())));
        await(firstHeld);
        return first;
    }

    /** Starts a mark that lines up behind those already waiting. */
    private Future<Optional<Activity>> lineUp(Mark mark) throws InterruptedException {
        long before = WaitingInLine.count();
        Future<Optional<Activity>> answer = people.submit(() -> batches.write(CRUD, mark));
        WaitingInLine.until(before + 1);
        return answer;
    }

    private static Activity seenAfter(Mark mark) {
        Instant now = Instant.now();
        return new Activity(CRUD, "Author", "author", mark.kind() + " " + mark.adds(), 0, 0, 0, null,
                now.plusSeconds(60), now, mark.kind() == Reaction.LIKE && mark.adds(), false, null);
    }

    private static Mark like(UUID person) {
        return new Mark(person, Reaction.LIKE, true);
    }

    @Test
    void marksThatWaitedAreWrittenTogetherAndEachGetsItsOwnAnswer() throws Exception {
        Future<Optional<Activity>> first = holdTheFirstStatement();
        List<UUID> waiting = new ArrayList<>();
        List<Future<Optional<Activity>>> answers = new ArrayList<>();
        for (int i = 0; i < 15; i++) {
            UUID person = UUID.randomUUID();
            waiting.add(person);
            answers.add(lineUp(like(person)));
        }
        release.countDown();

        assertThat(first.get(10, TimeUnit.SECONDS)).get().extracting(Activity::likedByMe).isEqualTo(true);
        for (Future<Optional<Activity>> answer : answers) {
            assertThat(answer.get(10, TimeUnit.SECONDS)).get().extracting(Activity::message).isEqualTo("LIKE true");
        }
        assertThat(statements).hasSize(2);
        assertThat(statements.get(1)).extracting(Mark::userUuid).containsExactlyElementsOf(waiting);
        assertThat(mostWritingAtOnce).hasValue(1);
    }

    @Test
    void aPersonsSecondMarkOfAKindAndMarksTakenBackWaitForTheNextStatement() throws Exception {
        Future<?> first = holdTheFirstStatement();
        UUID fickle = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        List<Future<?>> answers = new ArrayList<>();
        for (Mark mark : List.of(like(fickle), new Mark(fickle, Reaction.LIKE, false),
                new Mark(other, Reaction.REPOST, false), new Mark(fickle, Reaction.REPOST, true), like(other))) {
            answers.add(lineUp(mark));
        }
        release.countDown();
        first.get(10, TimeUnit.SECONDS);
        for (Future<?> answer : answers) {
            answer.get(10, TimeUnit.SECONDS);
        }

        assertThat(statements).hasSize(3);
        assertThat(statements.get(1)).containsExactly(like(fickle), new Mark(fickle, Reaction.REPOST, true), like(other));
        assertThat(statements.get(2)).containsExactly(new Mark(fickle, Reaction.LIKE, false), new Mark(other, Reaction.REPOST, false));
    }

    @Test
    void aMarkLeftWaitingKeepsThePersonsLaterMarkOfThatKindBehindIt() throws Exception {
        Future<?> first = holdTheFirstStatement();
        UUID fickle = UUID.randomUUID();
        UUID leader = UUID.randomUUID();
        List<Future<?>> answers = new ArrayList<>();
        // The unlike cannot go with the likes; the like after it must not overtake it.
        for (Mark mark : List.of(like(leader), new Mark(fickle, Reaction.LIKE, false), like(fickle))) {
            answers.add(lineUp(mark));
        }
        release.countDown();
        first.get(10, TimeUnit.SECONDS);
        for (Future<?> answer : answers) {
            answer.get(10, TimeUnit.SECONDS);
        }

        assertThat(statements.subList(1, statements.size())).containsExactly(
                List.of(like(leader)), List.of(new Mark(fickle, Reaction.LIKE, false)), List.of(like(fickle)));
    }

    @Test
    void aStatementThatFailsIsWrittenAgainMarkByMarkSoOnlyTheFaultyMarkFails() throws Exception {
        Future<?> first = holdTheFirstStatement();
        Future<Optional<Activity>> before = lineUp(like(UUID.randomUUID()));
        Future<Optional<Activity>> failing = lineUp(like(faulty));
        Future<Optional<Activity>> after = lineUp(like(UUID.randomUUID()));
        release.countDown();
        first.get(10, TimeUnit.SECONDS);

        assertThat(before.get(10, TimeUnit.SECONDS)).isPresent();
        assertThat(after.get(10, TimeUnit.SECONDS)).isPresent();
        assertThatThrownBy(() -> failing.get(10, TimeUnit.SECONDS))
                .hasCauseInstanceOf(IllegalStateException.class)
                .hasStackTraceContaining("violates foreign key constraint");
        assertThat(statements).extracting(List::size).containsExactly(1, 3, 1, 1, 1);
    }

    @Test
    void aStatementTheDatabaseCannotTakeNowFailsEveryMarkInItAtOnceWithoutWritingThemAgain() throws Exception {
        Future<?> first = holdTheFirstStatement();
        List<Future<Optional<Activity>>> lined = List.of(lineUp(like(UUID.randomUUID())), lineUp(like(unreachable)),
                lineUp(like(UUID.randomUUID())));
        release.countDown();
        first.get(10, TimeUnit.SECONDS);

        for (Future<Optional<Activity>> each : lined) {
            assertThatThrownBy(() -> each.get(10, TimeUnit.SECONDS)).rootCause()
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("08006"));
        }
        assertThat(statements).extracting(List::size).containsExactly(1, 3);
    }

    @Test
    void aMarkOnAnotherCrudDoesNotWaitForABusyOne() throws Exception {
        Future<?> first = holdTheFirstStatement();

        assertThat(batches.write(UUID.randomUUID(), like(UUID.randomUUID()))).isPresent();
        release.countDown();
        first.get(10, TimeUnit.SECONDS);
    }

    @Test
    void manyPeopleMarkingAtOnceAreEachWrittenOnceAndNeverTwoStatementsAtATime() throws Exception {
        release.countDown();
        List<UUID> everyone = new ArrayList<>();
        List<Future<Optional<Activity>>> answers = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            UUID person = UUID.randomUUID();
            everyone.add(person);
            Mark mark = new Mark(person, Reaction.LIKE, i % 2 == 0);
            answers.add(people.submit(() -> batches.write(CRUD, mark)));
        }
        for (Future<Optional<Activity>> answer : answers) {
            assertThat(answer.get(10, TimeUnit.SECONDS)).isPresent();
        }

        assertThat(statements.stream().flatMap(List::stream).map(Mark::userUuid))
                .containsExactlyInAnyOrderElementsOf(everyone);
        assertThat(statements).allSatisfy(marks -> {
            assertThat(marks).hasSizeBetween(1, MarkBatches.MOST_IN_ONE);
            assertThat(marks).extracting(Mark::adds).containsOnly(marks.get(0).adds());
        });
        assertThat(mostWritingAtOnce).hasValue(1);
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
