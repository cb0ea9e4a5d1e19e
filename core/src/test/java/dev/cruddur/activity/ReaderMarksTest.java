package dev.cruddur.activity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cruddur.testing.TestData;
import dev.cruddur.testing.TestDatabase;
import dev.cruddur.user.Users;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.locator.ClasspathSqlLocator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A signed-in reader's marks are looked up only on cruds someone has marked: a crud whose counts
 * are 0 cannot carry the reader's like or repost, so its row of a page costs what it costs an
 * anonymous reader. Seen in the executed plan: how many times the reactions index is probed.
 */
class ReaderMarksTest {

    @RegisterExtension
    static final TestDatabase db = TestDatabase.migrated();
    private static final TestData data = new TestData(db.jdbi());

    private UUID reader;
    private List<UUID> cruds;

    @BeforeEach
    void fiveCruds() {
        db.jdbi().useHandle(h -> h.execute("TRUNCATE users, activities CASCADE"));
        reader = data.user("reader");
        UUID author = data.user("author");
        cruds = List.of(
                data.crud(author, "one", Duration.ofMinutes(5)),
                data.crud(author, "two", Duration.ofMinutes(4)),
                data.crud(author, "three", Duration.ofMinutes(3)),
                data.crud(author, "four", Duration.ofMinutes(2)),
                data.crud(author, "five", Duration.ofMinutes(1)));
    }

    @Test
    void onlyTheCrudsSomeoneMarkedAreLookedUp() {
        Reactions reactions = new Reactions(db.jdbi());
        reactions.add(data.user("someone"), cruds.get(1), Reaction.LIKE);
        reactions.add(reader, cruds.get(3), Reaction.REPOST);

        assertThat(probesOfTheReactionsIndex(reader)).isEqualTo(2);
        Map<UUID, Activity> page = new ActivityFeeds(db.jdbi(), new Users(db.jdbi())).home(Reader.signedIn(reader), PageRequest.first()).items()
                .stream().collect(Collectors.toMap(Activity::uuid, Function.identity()));
        assertThat(page).hasSize(5);
        assertThat(page.get(cruds.get(1)).likedByMe()).isFalse();
        assertThat(page.get(cruds.get(3)).repostedByMe()).isTrue();
        assertThat(page.get(cruds.get(3)).likedByMe()).isFalse();
        assertThat(page.get(cruds.get(0)).repostedByMe()).isFalse();
    }

    @Test
    void aPageNobodyMarkedIsNotLookedUpAtAll() {
        assertThat(probesOfTheReactionsIndex(reader)).isZero();
        assertThat(probesOfTheReactionsIndex(null)).isZero();
    }

    /** The home feed's first page, executed as the server runs it, for {@code readerUuid}. */
    private long probesOfTheReactionsIndex(UUID readerUuid) {
        String homeFeed = ClasspathSqlLocator.removingComments().locate(ActivityDao.class, "homeFeed");
        try (Handle h = db.jdbi().open()) {
            String plan = h.createQuery("EXPLAIN (ANALYZE, FORMAT JSON) " + homeFeed)
                    .bindByType("readerUuid", readerUuid, UUID.class)
                    .bind("cursor.createdAt", Cursor.START.createdAt())
                    .bind("cursor.uuid", Cursor.START.uuid())
                    .bind("fetch", 21)
                    .mapTo(String.class).one();
            return h.createQuery("""
                            SELECT coalesce(sum(CAST(n ->> 'Actual Loops' AS bigint)), 0)
                            FROM jsonb_path_query(CAST(:plan AS jsonb), 'strict $.**') AS n
                            WHERE jsonb_typeof(n) = 'object' AND n ->> 'Relation Name' = 'reactions'""")
                    .bind("plan", plan)
                    .mapTo(Long.class).one();
        }
    }
}
