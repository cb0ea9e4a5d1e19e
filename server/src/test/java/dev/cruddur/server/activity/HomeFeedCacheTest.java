package dev.cruddur.server.activity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cruddur.activity.Activity;
import dev.cruddur.activity.ActivityFeeds;
import dev.cruddur.activity.Page;
import dev.cruddur.activity.PageRequest;
import dev.cruddur.activity.Reader;
import dev.cruddur.testing.TestData;
import dev.cruddur.testing.TestDatabase;
import dev.cruddur.user.Users;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The cache over the real home-feed query, with a time-to-live of an hour: whatever it shows
 * fresh here is down to its expiry bound and its invalidation, not to the time-to-live running out.
 */
class HomeFeedCacheTest {

    private TestDatabase database;
    private TestData data;
    private UUID author;
    private HomeFeedCache cache;
    private final AtomicInteger loads = new AtomicInteger();

    @BeforeEach
    void setUp() {
        database = TestDatabase.migrated();
        data = new TestData(database.jdbi());
        author = data.user("cache_tester");
        cache = new HomeFeedCache(Duration.ofHours(1), Clock.systemUTC());
    }

    @AfterEach
    void tearDown() {
        database.close();
    }

    private Supplier<Page<Activity>> homeFeed() {
        ActivityFeeds feeds = new ActivityFeeds(database.jdbi(), new Users(database.jdbi()));
        return () -> {
            loads.incrementAndGet();
            return feeds.home(Reader.ANONYMOUS, PageRequest.first());
        };
    }

    private String shown() {
        return new String(cache.get(homeFeed(), page -> page.items().stream().map(Activity::message)
                .reduce("", (a, b) -> a + "|" + b).getBytes(StandardCharsets.UTF_8)).json(), StandardCharsets.UTF_8);
    }

    @Test
    void servesTheSamePageUntilAWriteInvalidatesIt() {
        data.crud(author, "first", Duration.ofMinutes(2));
        assertThat(shown()).contains("first");

        // Written behind the cache's back (as another instance would): not shown yet...
        data.crud(author, "second", Duration.ofMinutes(1));
        assertThat(shown()).doesNotContain("second");
        assertThat(loads).hasValue(1);

        // ...but a write on this instance invalidates the page.
        cache.invalidate();
        assertThat(shown()).contains("second").contains("first");
        assertThat(loads).hasValue(2);
    }

    @Test
    void neverShowsACrudAfterItExpires() throws InterruptedException {
        data.activity(author, "short-lived", null, Duration.ofMinutes(1), Duration.ofMillis(2_500));
        data.crud(author, "long-lived", Duration.ofMinutes(2));
        assertThat(shown()).contains("short-lived");

        Thread.sleep(3_000);

        assertThat(shown()).contains("long-lived").doesNotContain("short-lived");
    }

    @Test
    void aPageLoadedWhileAWriteCommitsIsNotServedAfterIt() {
        data.crud(author, "before", Duration.ofMinutes(2));
        ActivityFeeds feeds = new ActivityFeeds(database.jdbi(), new Users(database.jdbi()));
        // The load reads the database, then a write commits and invalidates before the page is stored.
        cache.get(() -> {
            Page<Activity> page = feeds.home(Reader.ANONYMOUS, PageRequest.first());
            data.crud(author, "committed during the load", Duration.ZERO);
            cache.invalidate();
            return page;
        }, page -> new byte[0]);

        assertThat(shown()).contains("committed during the load");
    }
}
