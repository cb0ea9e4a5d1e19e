package dev.cruddur.notification;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cruddur.activity.DeleteActivity;
import dev.cruddur.activity.Page;
import dev.cruddur.activity.PageRequest;
import dev.cruddur.activity.PurgeExpiredActivities;
import dev.cruddur.activity.Reaction;
import dev.cruddur.activity.Reactions;
import dev.cruddur.testing.TestData;
import dev.cruddur.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Who is told what, written by the database whatever wrote the fact (these tests write rows
 * straight into the tables, as the use cases' statements do), and how a person reads them.
 */
class NotificationsTest {

    @RegisterExtension
    static final TestDatabase db = TestDatabase.migrated();
    private static final TestData data = new TestData(db.jdbi());
    private static final Notifications notifications = new Notifications(db.jdbi());
    private static final Reactions reactions = new Reactions(db.jdbi());

    private UUID me;
    private UUID bob;
    private UUID carol;

    @BeforeEach
    void people() {
        db.jdbi().useHandle(h -> h.execute("TRUNCATE users, activities CASCADE"));
        me = data.user("me");
        bob = data.user("bob");
        carol = data.user("carol");
    }

    private static Duration minutes(long n) {
        return Duration.ofMinutes(n);
    }

    /** "kind actor: message" for each notification, newest first. */
    private static List<String> described(UUID recipient) {
        return notifications.list(recipient, PageRequest.first(100)).items().stream()
                .map(n -> n.kind() + " " + n.actor().handle() + (n.activity() == null ? "" : ": " + n.activity().message()))
                .toList();
    }

    @Test
    void repliesByOthersToMyCrudsAndRepliesButNotMyOwn() {
        UUID mine = data.crud(me, "my crud", minutes(60));
        UUID bobs = data.crud(bob, "bob's crud", minutes(50));
        UUID bobsReply = data.reply(bob, mine, "bob to me", minutes(30));
        data.reply(carol, bobsReply, "carol to bob's reply", minutes(20));
        data.reply(me, mine, "me to myself", minutes(10));
        data.reply(carol, bobs, "carol to bob", minutes(5));

        assertThat(described(me)).containsExactly("reply bob: bob to me");
        assertThat(described(bob)).containsExactly("reply carol: carol to bob", "reply carol: carol to bob's reply");
        assertThat(described(carol)).isEmpty();
    }

    @Test
    void aMentionTellsThePersonMentionedOnceAndNeverTheAuthorOrAnEmailAddress() {
        data.crud(bob, "hello @ME and @carol, again @me; not me@example.com nor @nobody nor @bob", minutes(10));

        assertThat(described(me)).containsExactly("mention bob: hello @ME and @carol, again @me; not me@example.com nor @nobody nor @bob");
        assertThat(described(carol)).hasSize(1);
        assertThat(described(bob)).isEmpty();
    }

    @Test
    void aReplyThatMentionsTheAuthorItAnswersIsOneNotification() {
        UUID mine = data.crud(me, "my crud", minutes(60));
        data.reply(bob, mine, "@me @carol indeed", minutes(1));

        assertThat(described(me)).containsExactly("reply bob: @me @carol indeed");
        assertThat(described(carol)).containsExactly("mention bob: @me @carol indeed");
    }

    @Test
    void likesAndRepostsTellTheAuthorUntilTheyAreTakenBackAndOwnOnesNever() {
        UUID mine = data.crud(me, "my crud", minutes(60));
        reactions.add(bob, mine, Reaction.LIKE);
        reactions.add(carol, mine, Reaction.REPOST);
        reactions.add(me, mine, Reaction.LIKE);
        reactions.add(me, mine, Reaction.REPOST);

        assertThat(described(me)).containsExactly("repost carol: my crud", "like bob: my crud");

        reactions.remove(bob, mine, Reaction.LIKE);
        reactions.add(bob, mine, Reaction.LIKE);
        reactions.remove(carol, mine, Reaction.REPOST);
        assertThat(described(me)).containsExactly("like bob: my crud");
        assertThat(notifications.list(me, PageRequest.first()).items().get(0).activity().likedByMe()).isTrue();
    }

    @Test
    void aNewFollowerIsToldWithoutACrudUntilTheyStopFollowing() {
        db.jdbi().useHandle(h -> h.execute(
                "INSERT INTO follows (follower_uuid, followee_uuid) VALUES (?, ?)", bob, me));

        List<Notification> items = notifications.list(me, PageRequest.first()).items();
        assertThat(items).singleElement().satisfies(n -> {
            assertThat(n.kind()).isEqualTo("follow");
            assertThat(n.actor().displayName()).isEqualTo("Name of bob");
            assertThat(n.activity()).isNull();
            assertThat(n.read()).isFalse();
        });

        db.jdbi().useHandle(h -> h.execute("DELETE FROM follows WHERE follower_uuid = ?", bob));
        assertThat(described(me)).isEmpty();
    }

    @Test
    void whatConcernsACrudGoesWhenItExpiresIsDeletedOrIsPurged() {
        UUID expiring = data.activity(me, "expiring @carol", null, minutes(10), Duration.ofHours(1));
        UUID deleted = data.crud(me, "to be deleted", minutes(9));
        data.reply(bob, expiring, "bob replies", minutes(8));
        reactions.add(bob, expiring, Reaction.LIKE);
        reactions.add(bob, deleted, Reaction.LIKE);
        assertThat(described(me)).hasSize(3);
        assertThat(described(carol)).hasSize(1);

        new DeleteActivity(db.jdbi()).delete(me, deleted);
        assertThat(described(me)).containsExactly("like bob: expiring @carol", "reply bob: bob replies");

        // Two hours later: everything carries the crud's expiry, which has passed.
        db.jdbi().useHandle(h -> {
            h.execute("UPDATE activities SET created_at = now() - interval '2 hours', expires_at = now() - interval '1 hour'");
            h.execute("UPDATE notifications SET expires_at = now() - interval '1 hour'");
            h.execute("UPDATE feed_entries SET expires_at = now() - interval '1 hour'");
        });
        assertThat(described(me)).isEmpty();
        assertThat(described(carol)).isEmpty();
        assertThat(notifications.unreadCount(me)).isZero();
        assertThat(data.count("SELECT count(*) FROM notifications")).isEqualTo(3);

        new PurgeExpiredActivities(db.jdbi()).purge();
        assertThat(data.count("SELECT count(*) FROM notifications")).isZero();
        assertThat(data.count("SELECT count(*) FROM feed_entries")).isZero();
    }

    @Test
    void pagesWalkEveryNotificationOnceNewestFirst() {
        UUID mine = data.crud(me, "my crud", minutes(100));
        Instant shared = Instant.now().minus(Duration.ofMinutes(30)).truncatedTo(ChronoUnit.MICROS);
        for (int i = 0; i < 8; i++) {
            data.reply(i % 2 == 0 ? bob : carol, mine, "reply " + i, minutes(i + 1));
        }
        db.jdbi().useHandle(h -> h.createUpdate("UPDATE notifications SET created_at = :t WHERE created_at < now() - interval '5 minutes'")
                .bind("t", shared).execute());
        List<UUID> expected = db.jdbi().withHandle(h -> h.createQuery(
                "SELECT uuid FROM notifications WHERE recipient_uuid = :me ORDER BY created_at DESC, uuid DESC")
                .bind("me", me).mapTo(UUID.class).list());

        List<UUID> walked = new ArrayList<>();
        PageRequest request = PageRequest.first(3);
        while (true) {
            Page<Notification> page = notifications.list(me, request);
            page.items().forEach(n -> walked.add(n.uuid()));
            if (page.next().isEmpty()) {
                break;
            }
            request = PageRequest.parse("3", page.next().get().encode());
        }

        assertThat(walked).hasSize(8).containsExactlyElementsOf(expected);
    }

    @Test
    void theUnreadCountStopsAtAHundredAndMarkingReadGoesUpToAMomentNeverBack() {
        UUID mine = data.crud(me, "popular", minutes(100));
        db.jdbi().useHandle(h -> h.execute("""
                INSERT INTO users (display_name, handle, email)
                SELECT 'Fan ' || i, 'fan_' || i, 'fan_' || i || '@example.com' FROM generate_series(1, 150) AS i"""));
        db.jdbi().useHandle(h -> h.createUpdate("""
                INSERT INTO reactions (activity_uuid, user_uuid, kind, created_at)
                SELECT :crud, uuid, 'like', now() - make_interval(mins => row_number() OVER (ORDER BY handle)::int)
                FROM users WHERE handle LIKE 'fan_%'""").bind("crud", mine).execute());
        assertThat(notifications.unreadCount(me)).isEqualTo(Notifications.UNREAD_COUNTED_UP_TO);

        List<Notification> newest = notifications.list(me, PageRequest.first(40)).items();
        Instant seen = newest.get(39).createdAt();
        assertThat(notifications.markRead(me, seen)).isEqualTo(39);
        assertThat(notifications.markRead(me, seen.minusSeconds(600))).as("never back").isEqualTo(39);
        assertThat(notifications.list(me, PageRequest.first(100)).items())
                .allSatisfy(n -> assertThat(n.read()).isEqualTo(!n.createdAt().isAfter(seen)));
        assertThat(notifications.markRead(me, newest.get(9).createdAt())).isEqualTo(9);
        assertThat(notifications.unreadCount(bob)).isZero();

        assertThat(notifications.markRead(me, Instant.parse("9999-01-01T00:00:00Z"))).isZero();
        data.reply(bob, mine, "after marking everything read", Duration.ZERO);
        assertThat(notifications.unreadCount(me)).as("a mark in the future counts as now").isEqualTo(1);
        assertThat(notifications.markRead(me, null)).isZero();
    }
}
