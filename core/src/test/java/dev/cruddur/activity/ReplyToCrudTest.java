package dev.cruddur.activity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cruddur.error.NotFoundException;
import dev.cruddur.error.ValidationException;
import dev.cruddur.error.Violation;
import dev.cruddur.testing.TestData;
import dev.cruddur.testing.TestDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ReplyToCrudTest {

    @RegisterExtension
    static final TestDatabase db = TestDatabase.migrated();
    private static final TestData data = new TestData(db.jdbi());
    private static final ReplyToCrud replyToCrud = new ReplyToCrud(db.jdbi());
    private static final PostCrud postCrud = new PostCrud(db.jdbi());
    private static final UUID author = data.user("author");
    private static final UUID replier = data.user("Replier");

    private Activity parent;

    @BeforeEach
    void aCrudToReplyTo() {
        db.jdbi().useHandle(h -> h.execute("DELETE FROM activities"));
        parent = postCrud.post(author, "What do you think?", "3-days");
    }

    private static long repliesCount(UUID crud) {
        return data.count("SELECT replies_count FROM activities WHERE uuid = '" + crud + "'");
    }

    private static long replyRows(UUID crud) {
        return data.count("SELECT count(*) FROM activities WHERE reply_to_activity_uuid = '" + crud + "'");
    }

    private static List<String> codes(ValidationException e) {
        return e.violations().stream().map(Violation::code).toList();
    }

    private void assertRejected(String message, String code) {
        assertThatThrownBy(() -> replyToCrud.reply(replier, parent.uuid(), message))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(codes(e)).containsExactly(code);
                    // the codes say "reply", the field is where the text came from: {"message": …}
                    assertThat(e.violations().get(0).field()).isEqualTo("message");
                });
        assertThat(repliesCount(parent.uuid())).isZero();
        assertThat(data.count("SELECT count(*) FROM activities")).isEqualTo(1);
    }

    @Test
    void storesTheReplyWithItsParentsExpiryAndCountsIt() {
        Activity reply = replyToCrud.reply(replier, parent.uuid(), "  I agree.  ");

        assertThat(reply.replyToActivityUuid()).isEqualTo(parent.uuid());
        assertThat(reply.message()).isEqualTo("I agree.");
        assertThat(reply.handle()).isEqualTo("Replier");
        assertThat(reply.displayName()).isEqualTo("Name of Replier");
        assertThat(reply.expiresAt()).isEqualTo(parent.expiresAt());
        assertThat(reply.createdAt()).isAfterOrEqualTo(parent.createdAt());
        assertThat(reply.repliesCount()).isZero();
        assertThat(repliesCount(parent.uuid())).isEqualTo(1);
        assertThat(replyRows(parent.uuid())).isEqualTo(1);
        assertThat(data.count("SELECT count(*) FROM activities WHERE uuid = '" + reply.uuid()
                + "' AND user_uuid = '" + replier + "'")).isEqualTo(1);
    }

    @Test
    void expiresWithAnyTtlOfItsParent() {
        for (Ttl ttl : Ttl.values()) {
            Activity crud = postCrud.post(author, "ttl " + ttl.code(), ttl.code());

            Activity reply = replyToCrud.reply(replier, crud.uuid(), "reply");

            assertThat(reply.expiresAt()).as(ttl.code()).isEqualTo(crud.expiresAt());
        }
    }

    @Test
    void eachReplyCountsOnce() {
        replyToCrud.reply(replier, parent.uuid(), "one");
        replyToCrud.reply(author, parent.uuid(), "two");
        replyToCrud.reply(replier, parent.uuid(), "three");

        assertThat(repliesCount(parent.uuid())).isEqualTo(3);
        assertThat(replyRows(parent.uuid())).isEqualTo(3);
    }

    @Test
    void acceptsExactly1024CodePoints() {
        String message = "😀".repeat(1024);

        Activity reply = replyToCrud.reply(replier, parent.uuid(), message);

        assertThat(reply.message()).isEqualTo(message);
        assertThat(data.count("SELECT char_length(message) FROM activities WHERE uuid = '" + reply.uuid() + "'"))
                .isEqualTo(1024);
    }

    @Test
    void rejects1025CodePoints() {
        assertRejected("😀".repeat(1025), "reply_exceed_max_chars");
        assertRejected("r".repeat(1025), "reply_exceed_max_chars");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" ", "\n\t "})
    void blankReplyIsReplyBlank(String message) {
        assertRejected(message, "reply_blank");
    }

    @ParameterizedTest
    @ValueSource(strings = {"nul \u0000 inside", "lone \uD800 high", "lone \uDC00 low"})
    void nulOrLoneSurrogateIsReplyInvalid(String message) {
        assertRejected(message, "reply_invalid");
    }

    @Test
    void unknownParentIsActivityNotFoundAndWritesNothing() {
        UUID unknown = UUID.randomUUID();

        assertThatThrownBy(() -> replyToCrud.reply(replier, unknown, "hello?"))
                .isInstanceOfSatisfying(NotFoundException.class,
                        e -> assertThat(e.code()).isEqualTo("activity_not_found"))
                .hasMessageContaining(unknown.toString());
        assertThat(data.count("SELECT count(*) FROM activities")).isEqualTo(1);
        assertThat(data.count("SELECT sum(replies_count) FROM activities")).isZero();
    }

    @Test
    void expiredParentIsActivityNotFoundAndWritesNothing() {
        UUID expired = data.expiredCrud(author, "too late");
        data.reply(author, expired, "an old reply", Duration.ofMinutes(90));
        db.jdbi().useHandle(h -> h.execute("UPDATE activities SET replies_count = 1 WHERE uuid = ?", expired));

        assertThatThrownBy(() -> replyToCrud.reply(replier, expired, "anyone there?"))
                .isInstanceOfSatisfying(NotFoundException.class,
                        e -> assertThat(e.code()).isEqualTo("activity_not_found"));
        assertThat(repliesCount(expired)).isEqualTo(1);
        assertThat(replyRows(expired)).isEqualTo(1);
        assertThat(data.count("SELECT count(*) FROM activities")).isEqualTo(3);
    }

    @Test
    void fiftyConcurrentRepliesAreAllCounted() throws Exception {
        int replies = 50;
        ExecutorService pool = Executors.newFixedThreadPool(replies);
        try {
            CountDownLatch ready = new CountDownLatch(replies);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Activity>> results = new ArrayList<>();
            for (int i = 0; i < replies; i++) {
                String message = "concurrent reply " + i;
                UUID who = i % 2 == 0 ? replier : author;
                results.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    return replyToCrud.reply(who, parent.uuid(), message);
                }));
            }
            assertThat(ready.await(30, TimeUnit.SECONDS)).as("all threads ready").isTrue();
            go.countDown();

            Set<UUID> uuids = new HashSet<>();
            for (Future<Activity> result : results) {
                uuids.add(result.get(60, TimeUnit.SECONDS).uuid());
            }
            assertThat(uuids).hasSize(replies);
        } finally {
            pool.shutdownNow();
        }

        assertThat(repliesCount(parent.uuid())).isEqualTo(replies);
        assertThat(replyRows(parent.uuid())).isEqualTo(replies);
        assertThat(data.count("SELECT count(DISTINCT message) FROM activities WHERE reply_to_activity_uuid = '"
                + parent.uuid() + "'")).isEqualTo(replies);
    }
}
