package dev.cruddur.activity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cruddur.error.NotFoundException;
import dev.cruddur.testing.TestData;
import dev.cruddur.testing.TestDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An author deletes a crud while other people like, repost and reply to it: each of those either
 * lands before the deletion and goes with the crud, or finds the crud gone (404); none fails
 * otherwise, and nothing that belonged to the crud is left behind.
 */
class DeletionRacesTest {

    @RegisterExtension
    static final TestDatabase db = TestDatabase.migrated();
    private static final TestData data = new TestData(db.jdbi());
    private static final ExecutorService pool = Executors.newFixedThreadPool(7);

    @AfterAll
    static void stopPool() {
        pool.shutdownNow();
    }

    @RepeatedTest(10)
    void whatArrivesWhileACrudIsDeletedGoesWithItOrFindsItGone() throws Exception {
        db.jdbi().useHandle(h -> h.execute("TRUNCATE users, activities CASCADE"));
        UUID author = data.user("author");
        List<UUID> others = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            others.add(data.user("other_" + i));
        }
        UUID crud = data.crud(author, "soon deleted, mentioning @other_0", Duration.ofMinutes(1));
        Reactions reactions = new Reactions(db.jdbi());
        ReplyToCrud replies = new ReplyToCrud(db.jdbi());

        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> actions = new ArrayList<>();
        for (int i = 0; i < others.size(); i++) {
            UUID person = others.get(i);
            Callable<Object> action = switch (i % 3) {
                case 0 -> () -> reactions.add(person, crud, Reaction.LIKE);
                case 1 -> () -> reactions.add(person, crud, Reaction.REPOST);
                default -> () -> replies.reply(person, crud, "replying to @author");
            };
            actions.add(pool.submit(() -> {
                start.await();
                return action.call();
            }));
        }
        actions.add(pool.submit(() -> {
            start.await();
            new DeleteActivity(db.jdbi()).delete(author, crud);
            return null;
        }));
        start.countDown();

        for (Future<?> action : actions) {
            try {
                action.get();
            } catch (ExecutionException e) {
                assertThat(e.getCause()).as("what an action may meet").isInstanceOf(NotFoundException.class);
            }
        }
        assertThat(data.count("SELECT count(*) FROM activities")).as("the crud and every reply").isZero();
        assertThat(data.count("SELECT count(*) FROM reactions")).isZero();
        assertThat(data.count("SELECT count(*) FROM feed_entries")).isZero();
        assertThat(data.count("SELECT count(*) FROM notifications")).isZero();
    }
}
