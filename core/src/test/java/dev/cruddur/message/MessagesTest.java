package dev.cruddur.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.cruddur.activity.PageRequest;
import dev.cruddur.activity.PurgeExpiredActivities;
import dev.cruddur.activity.PurgeRun;
import dev.cruddur.error.ForbiddenException;
import dev.cruddur.error.NotFoundException;
import dev.cruddur.error.ValidationException;
import dev.cruddur.error.Violation;
import dev.cruddur.testing.TestData;
import dev.cruddur.testing.TestDatabase;
import dev.cruddur.user.User;
import dev.cruddur.user.Users;
import dev.cruddur.database.Jdbis;
import dev.cruddur.database.StatementObserver;
import dev.cruddur.database.StatementObservers;
import dev.cruddur.database.WaitingInLine;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Direct messages on a real database: what each person's row of a conversation says stays what
 * the messages say (after sends from both sides, deletions, reads and expiry, also all at once),
 * expired messages vanish and are purged in batches, and a conversation with nothing visible
 * leaves the list.
 */
class MessagesTest {

    @RegisterExtension
    static final TestDatabase db = TestDatabase.migrated();
    private static final TestData data = new TestData(db.jdbi());
    private static final SendMessage send = new SendMessage(db.jdbi());
    private static final DeleteMessage delete = new DeleteMessage(db.jdbi());
    private static final ReadConversation read = new ReadConversation(db.jdbi());
    private static final Conversations conversations = new Conversations(db.jdbi());

    private User ann;
    private User bob;

    @BeforeEach
    void people() {
        db.jdbi().useHandle(h -> h.execute("TRUNCATE users, activities CASCADE"));
        ann = person("ann");
        bob = person("bob");
    }

    private User person(String handle) {
        data.user(handle, "Name of " + handle, "sub-" + handle);
        db.jdbi().useHandle(h -> h.execute("UPDATE users SET messages_from = 'everyone' WHERE handle = ?", handle));
        return new Users(db.jdbi()).byCognitoUserId("sub-" + handle).orElseThrow();
    }

    /** Moves a message's life back: it was written {@code hours} earlier, and so expires that much earlier. */
    private static void age(UUID message, int hours) {
        db.jdbi().useHandle(h -> h.createUpdate("UPDATE messages SET created_at = created_at - make_interval(hours => :h),"
                + " expires_at = expires_at - make_interval(hours => :h) WHERE uuid = :m").bind("h", hours).bind("m", message).execute());
    }

    /**
     * What every row of message_group_members says that can be worked out again from the messages
     * alone, and is not: empty when the rows are right. (The unread expiry may only be later than
     * the messages say, when a message arrived while its conversation was being marked read.)
     */
    private static List<String> rowsThatDisagreeWithTheMessages() {
        return db.jdbi().withHandle(h -> h.createQuery("""
                        SELECT s.user_uuid || ' in ' || s.message_group_uuid
                        FROM message_group_members s
                        LEFT JOIN LATERAL (
                            SELECT max(m.expires_at) AS expires_at,
                                   max(m.seq) FILTER (WHERE m.sender_uuid = s.other_user_uuid) AS received_seq,
                                   max(m.expires_at) FILTER (WHERE m.sender_uuid = s.other_user_uuid) AS received_expires_at,
                                   max(m.expires_at) FILTER (WHERE m.sender_uuid = s.other_user_uuid
                                                               AND m.seq > s.last_read_seq) AS unread_expires_at,
                                   (SELECT l.created_at FROM messages l WHERE l.message_group_uuid = s.message_group_uuid
                                    ORDER BY l.seq DESC LIMIT 1) AS last_message_at
                            FROM messages m
                            WHERE m.message_group_uuid = s.message_group_uuid
                        ) x ON true
                        WHERE s.expires_at <> coalesce(x.expires_at, '-infinity')
                           OR s.last_received_seq <> coalesce(x.received_seq, 0)
                           OR s.received_expires_at <> coalesce(x.received_expires_at, '-infinity')
                           OR s.unread_expires_at < coalesce(x.unread_expires_at, '-infinity')
                           OR (x.last_message_at IS NOT NULL AND s.last_message_at <> x.last_message_at)""")
                .mapTo(String.class).list());
    }

    @Test
    void deletingTheLatestExpiringMessageTakesTheConversationOffTheListWhenWhatIsLeftHasExpired() {
        Message lasting = send.send(ann.uuid(), "for a month", "30-days", "bob", null);
        Message brief = send.send(bob.uuid(), "for an hour", "1-hour", "ann", null);
        UUID group = lasting.messageGroupUuid();
        age(brief.uuid(), 2);
        assertThat(conversations.list(bob.uuid(), PageRequest.first()).items()).extracting(Conversation::message)
                .containsExactly("for a month");

        delete.delete(ann.uuid(), lasting.uuid());

        // Only an expired message is left: nothing to show on either side, and nothing unread.
        assertThat(conversations.list(bob.uuid(), PageRequest.first()).items()).isEmpty();
        assertThat(conversations.list(ann.uuid(), PageRequest.first()).items()).isEmpty();
        assertThat(read.read(ann.uuid(), group, 20, MessageCursor.START).items()).isEmpty();
        assertThat(conversations.unread(bob.uuid())).isEqualTo(new UnreadMessages(0, null));
        // (Not rowsThatDisagreeWithTheMessages: age() moved a message without the rows that copy its times.)
        assertThat(data.count("SELECT count(*) FROM message_group_members WHERE expires_at > now()")).isZero();
    }

    @Test
    void unreadMessagesThatExpireNoLongerCountAndReadingMarksOnlyWhatWasShown() {
        Message first = send.send(ann.uuid(), "one", "1-hour", "bob", null);
        UUID group = first.messageGroupUuid();
        assertThat(conversations.unread(bob.uuid()).messageGroups()).isEqualTo(1);
        assertThat(conversations.unread(bob.uuid()).lastMessageAt()).isEqualTo(first.createdAt());
        age(first.uuid(), 2);
        db.jdbi().useHandle(h -> h.execute("""
                UPDATE message_group_members SET expires_at = expires_at - interval '2 hours',
                       received_expires_at = received_expires_at - interval '2 hours',
                       unread_expires_at = unread_expires_at - interval '2 hours'"""));
        assertThat(conversations.unread(bob.uuid())).isEqualTo(new UnreadMessages(0, null));

        send.send(ann.uuid(), "two", "1-day", null, group.toString());
        send.send(ann.uuid(), "three", "1-day", null, group.toString());
        assertThat(conversations.list(bob.uuid(), PageRequest.first()).items().get(0).unreadCount()).isEqualTo(2);
        // Bob is shown the newest; then Ann writes again: that one is unread.
        assertThat(read.read(bob.uuid(), group, 1, MessageCursor.START).items()).extracting(Message::message).containsExactly("three");
        Message four = send.send(ann.uuid(), "four\nand more", "1-day", null, group.toString());
        Conversation listed = conversations.list(bob.uuid(), PageRequest.first()).items().get(0);
        assertThat(listed.unreadCount()).isEqualTo(1);
        assertThat(listed.message()).isEqualTo("four");
        assertThat(conversations.unread(bob.uuid())).isEqualTo(new UnreadMessages(1, four.createdAt()));
        // A later page marks nothing.
        MessagePage firstPage = read.read(ann.uuid(), group, 1, MessageCursor.START);
        read.read(bob.uuid(), group, 1, firstPage.next().orElseThrow());
        assertThat(conversations.unread(bob.uuid()).messageGroups()).isEqualTo(1);
        read.read(bob.uuid(), group, 20, MessageCursor.START);
        assertThat(conversations.unread(bob.uuid()).messageGroups()).isZero();
        assertThat(conversations.unread(ann.uuid()).messageGroups()).isZero();
        assertThat(rowsThatDisagreeWithTheMessages()).isEmpty();
    }

    @Test
    void thePurgeDeletesExpiredMessagesInBatchesAndLeavesTheRest() {
        Message kept = send.send(ann.uuid(), "kept", "1-day", "bob", null);
        UUID group = kept.messageGroupUuid();
        List<UUID> expired = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            Message m = send.send((i % 2 == 0 ? bob : ann).uuid(), "gone " + i, "1-hour", null, group.toString());
            age(m.uuid(), 2);
            expired.add(m.uuid());
        }
        List<Integer> batches = new ArrayList<>();
        PurgeRun run = new PurgeExpiredActivities(db.jdbi(), 10).purge(batches::add);
        assertThat(run.messagesDeleted()).isEqualTo(25);
        assertThat(run.deleted()).isZero();
        assertThat(batches).containsExactly(10, 10, 5);
        assertThat(read.read(bob.uuid(), group, 100, MessageCursor.START).items()).extracting(Message::message).containsExactly("kept");
        assertThat(data.count("SELECT count(*) FROM messages")).isEqualTo(1);
        assertThat(new PurgeExpiredActivities(db.jdbi()).purge().messagesDeleted()).isZero();
        assertThat(conversations.list(ann.uuid(), PageRequest.first()).items()).extracting(Conversation::message)
                .containsExactly("kept");
    }

    @Test
    void theRulesOfWhoMaySendAndDelete() {
        User cat = person("cat");
        db.jdbi().useHandle(h -> h.execute("UPDATE users SET messages_from = 'following' WHERE handle = 'cat'"));
        assertThatThrownBy(() -> send.send(ann.uuid(), "hi", null, "cat", null))
                .isInstanceOfSatisfying(ForbiddenException.class, e -> assertThat(e.code()).isEqualTo("messages_not_accepted"));
        assertThat(data.count("SELECT count(*) FROM message_groups")).isZero();
        data.follow(cat.uuid(), ann.uuid());
        Message hi = send.send(ann.uuid(), "hi", null, "Cat", null);
        assertThatThrownBy(() -> delete.delete(cat.uuid(), hi.uuid()))
                .isInstanceOfSatisfying(ForbiddenException.class, e -> assertThat(e.code()).isEqualTo("not_message_sender"));
        assertThatThrownBy(() -> delete.delete(bob.uuid(), hi.uuid()))
                .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.code()).isEqualTo("message_not_found"));
        assertThatThrownBy(() -> read.read(bob.uuid(), hi.messageGroupUuid(), 20, MessageCursor.START))
                .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.code()).isEqualTo("message_group_not_found"));
        assertThatThrownBy(() -> send.send(bob.uuid(), "let me in", null, null, hi.messageGroupUuid().toString()))
                .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.code()).isEqualTo("message_group_not_found"));
        assertThat(data.count("SELECT count(*) FROM messages")).isEqualTo(1);
    }

    /**
     * The send and a page know their person by uuid only: the sender's and the reader's names come
     * from their rows in the same statement; a send to oneself, or from a row removed since, writes
     * nothing.
     */
    @Test
    void theSendAndAPageNameTheirPeopleAndASendToOneselfOrFromARowThatIsGoneWritesNothing() {
        Message hi = send.send(ann.uuid(), "hi", null, "bob", null);
        assertThat(hi).extracting(Message::handle, Message::displayName, Message::mine)
                .containsExactly("ann", "Name of ann", true);
        UUID group = hi.messageGroupUuid();
        send.send(bob.uuid(), "hello", null, null, group.toString());
        assertThat(read.read(bob.uuid(), group, 20, MessageCursor.START).items())
                .extracting(Message::message, Message::handle, Message::displayName, Message::mine)
                .containsExactly(tuple("hello", "bob", "Name of bob", true), tuple("hi", "ann", "Name of ann", false));
        MessagePage first = read.read(ann.uuid(), group, 1, MessageCursor.START);
        assertThat(first.items()).extracting(Message::handle, Message::mine).containsExactly(tuple("bob", false));
        assertThat(read.read(ann.uuid(), group, 1, first.next().orElseThrow()).items())
                .extracting(Message::handle, Message::mine).containsExactly(tuple("ann", true));

        assertThatThrownBy(() -> send.send(ann.uuid(), "me", null, "ANN", null))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.violations())
                        .extracting(Violation::code, Violation::field).containsExactly(tuple("message_to_self", "handle")));
        UUID gone = person("dan").uuid();
        db.jdbi().useHandle(h -> h.execute("DELETE FROM users WHERE handle = 'dan'"));
        assertThatThrownBy(() -> send.send(gone, "from nowhere", null, "bob", null))
                .isInstanceOfSatisfying(ForbiddenException.class, e -> assertThat(e.code()).isEqualTo("user_not_registered"));
        assertThat(data.count("SELECT count(*) FROM messages")).isEqualTo(2);
        assertThat(data.count("SELECT count(*) FROM message_groups")).isEqualTo(1);
    }

    /**
     * Sends from both sides, deletions and reads, from eight threads at once: every row of every
     * conversation still says exactly what its messages say, and each conversation's numbers are
     * its messages' order without gaps but where a message was deleted.
     */
    @Test
    void theRowsOfEachConversationStayTrueUnderConcurrentSendsDeletionsAndReads() throws Exception {
        User cy = person("cy");
        List<User> people = List.of(ann, bob, cy);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> work = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int seed = t;
                work.add(pool.submit(() -> {
                    Random random = new Random(seed);
                    List<Message> mine = new ArrayList<>();
                    int done = 0;
                    for (int i = 0; i < 60; i++) {
                        User me = people.get(random.nextInt(3));
                        User other = people.get((people.indexOf(me) + 1 + random.nextInt(2)) % 3);
                        int action = random.nextInt(10);
                        if (action < 6) {
                            mine.add(send.send(me.uuid(), "t" + seed + " m" + i, random.nextBoolean() ? "1-hour" : "30-days",
                                    other.handle(), null));
                        } else if (action < 8 && !mine.isEmpty()) {
                            Message gone = mine.remove(random.nextInt(mine.size()));
                            User sender = people.stream().filter(p -> p.handle().equals(gone.handle())).findFirst().orElseThrow();
                            delete.delete(sender.uuid(), gone.uuid());
                        } else {
                            conversations.list(me.uuid(), PageRequest.first()).items().stream().findFirst()
                                    .ifPresent(c -> read.read(me.uuid(), c.uuid(), 5, MessageCursor.START));
                        }
                        done++;
                    }
                    return done;
                }));
            }
            for (Future<Integer> f : work) {
                assertThat(f.get()).isEqualTo(60);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(rowsThatDisagreeWithTheMessages()).isEmpty();
        assertThat(data.count("SELECT count(*) FROM message_groups")).isLessThanOrEqualTo(3);
        Map<String, Object> numbers = db.jdbi().withHandle(h -> h.createQuery("""
                SELECT bool_and(g.last_seq >= (SELECT coalesce(max(seq), 0) FROM messages m WHERE m.message_group_uuid = g.uuid)) AS counted,
                       bool_and((SELECT count(DISTINCT created_at) = count(*) FROM messages m WHERE m.message_group_uuid = g.uuid)) AS distinct_times
                FROM message_groups g""").mapToMap().one());
        assertThat(numbers).containsEntry("counted", true);
        // Within a conversation, later numbers were written later.
        assertThat(data.count("""
                SELECT count(*) FROM messages a JOIN messages b
                  ON a.message_group_uuid = b.message_group_uuid AND a.seq < b.seq AND a.created_at > b.created_at""")).isZero();
    }

    /**
     * Messages sent while a send is being written wait for it, then go together in one statement:
     * each is answered as if sent alone (refusals and errors too, without failing the others),
     * those into one conversation are numbered in the order they came, a conversation started and
     * answered in the same statement is one conversation, and every person's row is right.
     */
    @Test
    void messagesSentAtTheSameMomentAreWrittenInOneStatementAndEachAnsweredAsIfAlone() throws Exception {
        Jdbi observed = Jdbis.create(db.dataSource());
        AtomicInteger sendStatements = new AtomicInteger();
        StatementObservers.observe(observed, name -> {
            if (name.equals("MessageDao.send")) {
                sendStatements.incrementAndGet();
            }
            return StatementObserver.Running.NOTHING;
        });
        SendMessage together = new SendMessage(observed);
        User cat = person("cat");
        User dan = person("dan");
        User eve = person("eve");
        db.jdbi().useHandle(h -> h.execute("UPDATE users SET messages_from = 'following' WHERE handle = 'eve'"));
        UUID annAndBob = together.send(ann.uuid(), "before", null, "bob", null).messageGroupUuid();
        sendStatements.set(0);

        ExecutorService senders = Executors.newFixedThreadPool(8);
        Handle holder = db.jdbi().open();
        try {
            // The first send waits in the database for the conversation's row; the others line up behind it.
            holder.begin();
            holder.execute("SELECT FROM message_groups WHERE uuid = ? FOR NO KEY UPDATE", annAndBob);
            Future<Message> first = senders.submit(() -> together.send(ann.uuid(), "first", null, null, annAndBob.toString()));
            untilASendWaitsForALock();
            List<Future<Message>> lined = new ArrayList<>();
            for (Callable<Message> each : List.<Callable<Message>>of(
                    () -> together.send(bob.uuid(), "second", null, null, annAndBob.toString()),
                    () -> together.send(cat.uuid(), "hello dan", "1-hour", "dan", null),
                    () -> together.send(dan.uuid(), "to eve", null, "eve", null),
                    () -> together.send(ann.uuid(), "third", null, "bob", null),
                    () -> together.send(cat.uuid(), "to me", null, "cat", null),
                    () -> together.send(dan.uuid(), "hello cat", null, "cat", null),
                    () -> together.send(bob.uuid(), "fourth", "30-days", null, annAndBob.toString()))) {
                long before = WaitingInLine.count();
                lined.add(senders.submit(each));
                WaitingInLine.until(before + 1);
            }
            holder.commit();

            assertThat(first.get(10, TimeUnit.SECONDS).seq()).isEqualTo(2);
            Message second = lined.get(0).get(10, TimeUnit.SECONDS);
            assertThat(List.of(second, lined.get(3).get(), lined.get(6).get()))
                    .extracting(Message::message, Message::seq, Message::messageGroupUuid, Message::handle)
                    .containsExactly(tuple("second", 3L, annAndBob, "bob"), tuple("third", 4L, annAndBob, "ann"),
                            tuple("fourth", 5L, annAndBob, "bob"));
            Message helloDan = lined.get(1).get();
            Message helloCat = lined.get(5).get();
            assertThat(helloCat.messageGroupUuid()).isEqualTo(helloDan.messageGroupUuid());
            assertThat(List.of(helloDan.seq(), helloCat.seq())).containsExactly(1L, 2L);
            assertThatThrownBy(() -> lined.get(2).get()).cause()
                    .isInstanceOfSatisfying(ForbiddenException.class, e -> assertThat(e.code()).isEqualTo("messages_not_accepted"));
            assertThatThrownBy(() -> lined.get(4).get()).cause()
                    .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.violations())
                            .extracting(Violation::code).containsExactly("message_to_self"));
            // The first alone, then the seven that waited.
            assertThat(sendStatements).hasValue(2);
            assertThat(second.createdAt()).isAfterOrEqualTo(first.get().createdAt());
        } finally {
            holder.close();
            senders.shutdownNow();
        }
        assertThat(rowsThatDisagreeWithTheMessages()).isEmpty();
        assertThat(data.count("SELECT count(*) FROM messages")).isEqualTo(7);
        assertThat(data.count("SELECT count(*) FROM message_groups")).isEqualTo(2);
        assertThat(conversations.unread(bob.uuid()).messageGroups()).isEqualTo(1);
        assertThat(conversations.unread(eve.uuid()).messageGroups()).isZero();
    }

    /** Until a backend of the test database waits for a row lock (the first send, behind the holder). */
    private static void untilASendWaitsForALock() throws InterruptedException {
        for (int i = 0; i < 1_000 && data.count("""
                SELECT count(*) FROM pg_stat_activity
                WHERE datname = current_database() AND wait_event_type = 'Lock'""") == 0; i++) {
            Thread.sleep(10);
        }
        assertThat(data.count("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'"))
                .isEqualTo(1);
    }
}
