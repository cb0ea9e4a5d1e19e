package dev.cruddur.activity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cruddur.error.NotFoundException;
import dev.cruddur.testing.TestData;
import dev.cruddur.testing.TestDatabase;
import dev.cruddur.user.Users;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ActivityFeedsTest {

    @RegisterExtension
    static final TestDatabase db = TestDatabase.migrated();
    private static final TestData data = new TestData(db.jdbi());
    private static final ActivityFeeds feeds = new ActivityFeeds(db.jdbi(), new Users(db.jdbi()));

    /** Every feed shows everything it may, so each test starts from an empty database. */
    @BeforeEach
    void emptyTables() {
        db.jdbi().useHandle(h -> h.execute("TRUNCATE users, activities CASCADE"));
    }

    private static Duration minutes(long n) {
        return Duration.ofMinutes(n);
    }

    private static List<String> messages(Page<Activity> page) {
        return page.items().stream().map(Activity::message).toList();
    }

    private static List<UUID> uuids(List<Activity> activities) {
        return activities.stream().map(Activity::uuid).toList();
    }

    /**
     * Reads a feed page by page, the way a client does: the cursor goes through its opaque
     * string form between requests. Checks that every page but the last is full.
     */
    private static List<Activity> walk(Function<PageRequest, Page<Activity>> feed, int limit) {
        List<Activity> all = new ArrayList<>();
        PageRequest request = PageRequest.first(limit);
        for (int pages = 1; ; pages++) {
            assertThat(pages).as("pages walked").isLessThan(10_000);
            Page<Activity> page = feed.apply(request);
            all.addAll(page.items());
            if (page.next().isEmpty()) {
                assertThat(page.items()).as("last page").hasSizeBetween(all.isEmpty() ? 0 : 1, limit);
                return all;
            }
            assertThat(page.items()).as("page " + pages).hasSize(limit);
            request = PageRequest.parse(Integer.toString(limit), page.next().get().encode());
        }
    }

    private static List<UUID> expectedOrder(String where) {
        return db.jdbi().withHandle(h -> h.createQuery(
                "SELECT uuid FROM activities WHERE " + where + " ORDER BY created_at DESC, uuid DESC")
                .mapTo(UUID.class).list());
    }

    @Nested
    class Home {

        @Test
        void newestFirst() {
            UUID alice = data.user("alice");
            UUID bob = data.user("bob");
            data.crud(alice, "oldest", minutes(30));
            data.crud(bob, "newest", minutes(1));
            data.crud(alice, "middle", minutes(10));

            Page<Activity> page = feeds.home(Reader.ANONYMOUS, PageRequest.first());

            assertThat(messages(page)).containsExactly("newest", "middle", "oldest");
            assertThat(page.next()).isEmpty();
        }

        @Test
        void carriesEveryFieldOfTheActivity() {
            UUID alice = data.user("Alice");
            UUID crud = data.crud(alice, "hello", minutes(5));
            data.reply(alice, crud, "a reply", minutes(1));
            db.jdbi().useHandle(h -> h.execute(
                    "UPDATE activities SET replies_count = 1, reposts_count = 2, likes_count = 3 WHERE uuid = ?", crud));
            Instant createdAt = db.jdbi().withHandle(h -> h.createQuery(
                    "SELECT created_at FROM activities WHERE uuid = :u").bind("u", crud).mapTo(Instant.class).one());

            Activity activity = feeds.home(Reader.ANONYMOUS, PageRequest.first()).items().get(0);

            assertThat(activity.uuid()).isEqualTo(crud);
            assertThat(activity.handle()).isEqualTo("Alice");
            assertThat(activity.displayName()).isEqualTo("Name of Alice");
            assertThat(activity.message()).isEqualTo("hello");
            assertThat(activity.repliesCount()).isEqualTo(1);
            assertThat(activity.repostsCount()).isEqualTo(2);
            assertThat(activity.likesCount()).isEqualTo(3);
            assertThat(activity.replyToActivityUuid()).isNull();
            assertThat(activity.createdAt()).isEqualTo(createdAt);
            assertThat(Duration.between(activity.createdAt(), activity.expiresAt()))
                    .isEqualTo(Duration.ofDays(1).plus(minutes(5)));
        }

        @Test
        void leavesOutRepliesAndExpiredCruds() {
            UUID alice = data.user("alice");
            UUID bob = data.user("bob");
            UUID crud = data.crud(alice, "live crud", minutes(10));
            data.reply(bob, crud, "a reply", minutes(5));
            data.expiredCrud(bob, "expired crud");

            assertThat(messages(feeds.home(Reader.ANONYMOUS, PageRequest.first()))).containsExactly("live crud");
        }

        @Test
        void isEmptyWithoutCruds() {
            Page<Activity> page = feeds.home(Reader.ANONYMOUS, PageRequest.first());

            assertThat(page.items()).isEmpty();
            assertThat(page.next()).isEmpty();
        }

        @Test
        void pagesWalkEveryCrudOnceInOrder() {
            UUID alice = data.user("alice");
            for (int i = 0; i < 11; i++) {
                data.crud(alice, "crud " + i, minutes(i));
            }
            data.expiredCrud(alice, "expired");
            List<UUID> expected = expectedOrder("reply_to_activity_uuid IS NULL AND expires_at > now()");
            assertThat(expected).hasSize(11);

            for (int limit : new int[] {1, 2, 3, 5, 10, 11, 12, 100}) {
                assertThat(uuids(walk(page -> feeds.home(Reader.ANONYMOUS, page), limit))).as("limit " + limit).containsExactlyElementsOf(expected);
            }
        }

        @Test
        void lastFullPageHasNoNextCursor() {
            UUID alice = data.user("alice");
            for (int i = 0; i < 4; i++) {
                data.crud(alice, "crud " + i, minutes(i));
            }

            Page<Activity> first = feeds.home(Reader.ANONYMOUS, PageRequest.first(2));
            Page<Activity> second = feeds.home(Reader.ANONYMOUS, new PageRequest(2, first.next().orElseThrow()));

            assertThat(messages(first)).containsExactly("crud 0", "crud 1");
            assertThat(messages(second)).containsExactly("crud 2", "crud 3");
            assertThat(second.next()).isEmpty();
        }

        @Test
        void cursorPointsAtTheLastItemOfThePage() {
            UUID alice = data.user("alice");
            for (int i = 0; i < 3; i++) {
                data.crud(alice, "crud " + i, minutes(i));
            }

            Page<Activity> page = feeds.home(Reader.ANONYMOUS, PageRequest.first(2));

            Activity last = page.items().get(1);
            assertThat(page.next()).contains(new Cursor(last.createdAt(), last.uuid()));
        }

        @Test
        void manyCrudsWithTheSameCreatedAtArePagedByUuidWithoutGapsOrDuplicates() {
            UUID alice = data.user("alice");
            UUID bob = data.user("bob");
            // Microseconds on purpose: a cursor that dropped them would skip or repeat rows.
            Instant shared = Instant.now().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS).plusNanos(123_456_000);
            for (int i = 0; i < 37; i++) {
                data.crudAt(i % 2 == 0 ? alice : bob, "same instant " + i, shared);
            }
            data.crudAt(alice, "one microsecond later", shared.plus(1, ChronoUnit.MICROS));
            data.crudAt(alice, "one microsecond earlier", shared.minus(1, ChronoUnit.MICROS));
            data.crud(bob, "recent", minutes(1));
            List<UUID> expected = expectedOrder("reply_to_activity_uuid IS NULL");
            assertThat(expected).hasSize(40);

            for (int limit : new int[] {1, 2, 3, 4, 7, 10, 39, 40}) {
                List<Activity> walked = walk(page -> feeds.home(Reader.ANONYMOUS, page), limit);
                assertThat(uuids(walked)).as("limit " + limit).doesNotHaveDuplicates().containsExactlyElementsOf(expected);
            }
            List<String> byTime = walk(page -> feeds.home(Reader.ANONYMOUS, page), 5).stream().map(Activity::message).toList();
            assertThat(byTime.get(0)).isEqualTo("recent");
            assertThat(byTime.get(1)).isEqualTo("one microsecond later");
            assertThat(byTime.get(39)).isEqualTo("one microsecond earlier");
        }
    }

    @Nested
    class ByHandle {

        @Test
        void isCaseInsensitiveAndShowsOnlyThatUsersLiveCruds() {
            UUID mixed = data.user("MixedCase_1");
            UUID other = data.user("other");
            UUID older = data.crud(mixed, "older", minutes(20));
            data.crud(mixed, "newer", minutes(2));
            data.crud(other, "not mine", minutes(1));
            data.reply(mixed, older, "my reply", minutes(1));
            data.expiredCrud(mixed, "my expired crud");

            for (String handle : new String[] {"MixedCase_1", "mixedcase_1", "MIXEDCASE_1"}) {
                Page<Activity> page = feeds.byHandle(Reader.ANONYMOUS, handle, PageRequest.first());
                assertThat(messages(page)).as(handle).containsExactly("newer", "older");
                assertThat(page.items()).allSatisfy(a -> assertThat(a.handle()).isEqualTo("MixedCase_1"));
            }
        }

        @Test
        void aUserWithoutCrudsHasAnEmptyFeed() {
            data.user("quiet");

            assertThat(feeds.byHandle(Reader.ANONYMOUS, "quiet", PageRequest.first()).items()).isEmpty();
        }

        @Test
        void pagesWalkEveryCrudOnce() {
            UUID alice = data.user("alice");
            UUID bob = data.user("bob");
            Instant shared = Instant.now().minus(Duration.ofMinutes(30)).truncatedTo(ChronoUnit.MICROS);
            for (int i = 0; i < 9; i++) {
                data.crudAt(alice, "alice " + i, shared);
                data.crudAt(bob, "bob " + i, shared);
            }
            List<UUID> expected = expectedOrder("user_uuid = '" + alice + "'");

            assertThat(uuids(walk(request -> feeds.byHandle(Reader.ANONYMOUS, "ALICE", request), 2))).containsExactlyElementsOf(expected);
        }

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(strings = {"nobody", "no such user", "alice!", "../alice", "alice%", "a_ice",
            "abcdefghijklmnopqrstuvwxyz01234", "ålice"})
        void unknownOrMalformedHandleIsUserNotFound(String handle) {
            data.user("alice");

            assertThatThrownBy(() -> feeds.byHandle(Reader.ANONYMOUS, handle, PageRequest.first()))
                    .isInstanceOfSatisfying(NotFoundException.class,
                            e -> assertThat(e.code()).isEqualTo("user_not_found"));
        }
    }

    @Nested
    class Search {

        private UUID alice;

        @BeforeEach
        void author() {
            alice = data.user("alice");
        }

        private List<String> search(String term) {
            return walk(request -> feeds.search(Reader.ANONYMOUS, new SearchTerm(term), request), 100).stream()
                    .map(Activity::message).sorted().toList();
        }

        private void post(String... messages) {
            for (int i = 0; i < messages.length; i++) {
                data.crud(alice, messages[i], minutes(i + 1));
            }
        }

        @Test
        void findsAWholeWordIgnoringCaseAndItsHashtag() {
            post("I love Java", "#java rocks", "JAVA!", "(java)", "java", "java, again",
                    "javascript is another language", "java_lib is one word", "kava", "myjava", "ja va");

            List<String> expected = List.of("#java rocks", "(java)", "I love Java", "JAVA!", "java", "java, again")
                    .stream().sorted().toList();
            assertThat(search("java")).containsExactlyElementsOf(expected);
            assertThat(search("JaVa")).containsExactlyElementsOf(expected);
            assertThat(search("  java  ")).containsExactlyElementsOf(expected);
        }

        @Test
        void aHashtagFindsOnlyTheHashtag() {
            post("#java rocks", "learning #Java today", "(#java)", "I love Java", "#javascript", "java#", "x#java");

            // "x#java" is not a hashtag: the '#' continues the word x.
            assertThat(search("#java")).containsExactlyInAnyOrder("#java rocks", "learning #Java today", "(#java)");
        }

        @Test
        void findsAPhrase() {
            post("hello world", "Hello World!", "hello  world", "hello worldwide", "world hello");

            assertThat(search("hello world")).containsExactlyInAnyOrder("hello world", "Hello World!");
        }

        @Test
        void findsWordsOutsideAscii() {
            post("Grüße aus Köln", "grüße", "Grüßen", "KÖLN!", "Kölner", "grün", "Ölpreis", "öl");

            assertThat(search("grüße")).containsExactlyInAnyOrder("Grüße aus Köln", "grüße");
            assertThat(search("köln")).containsExactlyInAnyOrder("Grüße aus Köln", "KÖLN!");
            assertThat(search("ÖL")).containsExactly("öl");
            // ü is a letter: "gr" is not a whole word of "grün".
            assertThat(search("gr")).isEmpty();
        }

        @Test
        void findsEmoji() {
            post("party 🎉 time", "no party", "🎉🎉", "🎈");

            // An emoji is not a word character, so it also stands alone next to another emoji.
            assertThat(search("🎉")).containsExactlyInAnyOrder("party 🎉 time", "🎉🎉");
        }

        @Test
        void takesRegularExpressionCharactersLiterally() {
            post("I write c++ daily", "C++!", "c and cpp", "abc", "c+",
                    "smile ( please", "a ) b", "no parenthesis",
                    "regex .* here", "dot . star", "anything at all",
                    "back \\ slash", "forward / slash",
                    "open [ bracket", "close ] bracket",
                    "price $5 ^up", "a|b", "x{2}", "what?");

            assertThat(search("c++")).containsExactlyInAnyOrder("I write c++ daily", "C++!");
            assertThat(search("(")).containsExactly("smile ( please");
            assertThat(search(".*")).containsExactly("regex .* here");
            assertThat(search("\\")).containsExactly("back \\ slash");
            assertThat(search("[")).containsExactly("open [ bracket");
            assertThat(search("$5")).containsExactly("price $5 ^up");
            assertThat(search("^up")).containsExactly("price $5 ^up");
            assertThat(search("a|b")).containsExactly("a|b");
            assertThat(search("x{2}")).containsExactly("x{2}");
            assertThat(search("what?")).containsExactly("what?");
            // A lone "." is a whole "word" wherever punctuation or spaces surround it; it is not "any character".
            assertThat(search(".")).containsExactlyInAnyOrder("dot . star", "regex .* here");
        }

        @Test
        void takesLikeWildcardsLiterally() {
            post("50% off", "500 off", "5 off", "snake_case", "snakeXcase", "snake case", "a\\b", "a\\\\b", "ab");

            assertThat(search("50%")).containsExactly("50% off");
            assertThat(search("snake_case")).containsExactly("snake_case");
            assertThat(search("a\\b")).containsExactly("a\\b");
        }

        @ParameterizedTest
        @ValueSource(strings = {"²", "½", "\u0301", "\u00a0", "\u200b", "ⅷ", "٣", "a\u2028b", "_", "'", "\"", "%", "*", "+",
            "\\d", "\\w", "\\1", "\\y", "(?i)", "[[:alpha:]]", "***", "x**", "{", "}", "a\tb"})
        void neverFailsOnUnusualCharacters(String term) {
            post("plain text");

            assertThat(search(term)).isEmpty();
        }

        @Test
        void leavesOutExpiredCrudsAndReplies() {
            UUID bob = data.user("bob");
            UUID live = data.crud(alice, "live #topic", minutes(3));
            data.expiredCrud(alice, "expired #topic");
            data.reply(bob, live, "reply #topic", minutes(1));

            assertThat(search("#topic")).containsExactly("live #topic");
        }

        @Test
        void pagesWalkEveryMatchOnceNewestFirst() {
            UUID bob = data.user("bob");
            Instant shared = Instant.now().minus(Duration.ofMinutes(30)).truncatedTo(ChronoUnit.MICROS);
            for (int i = 0; i < 13; i++) {
                data.crudAt(i % 2 == 0 ? alice : bob, "match #paged " + i, shared);
                data.crudAt(bob, "other " + i, shared);
            }
            data.crud(alice, "newest #paged", minutes(1));
            List<UUID> expected = expectedOrder("message LIKE '%#paged%'");
            assertThat(expected).hasSize(14);

            List<Activity> walked = walk(request -> feeds.search(Reader.ANONYMOUS, new SearchTerm("#paged"), request), 3);

            assertThat(uuids(walked)).containsExactlyElementsOf(expected);
            assertThat(walked.get(0).message()).isEqualTo("newest #paged");
        }

        /** The hashtag table's rows of a crud: what a one-hashtag search reads. */
        private List<String> tagsOf(UUID crud) {
            return db.jdbi().withHandle(h -> h.createQuery(
                            "SELECT tag FROM activity_hashtags WHERE activity_uuid = :uuid ORDER BY tag")
                    .bind("uuid", crud).mapTo(String.class).list());
        }

        @Test
        void aCrudsHashtagsAreIndexedLowerCasedOnceEachAndAReplysAreNot() {
            UUID bob = data.user("bob");
            UUID crud = data.crud(alice, "#Start, middle #MiDdLe and #middle (#paren) x#not ##double #end_", minutes(1));
            UUID reply = data.reply(bob, crud, "reply #start #replyonly", minutes(0));

            assertThat(tagsOf(crud)).containsExactly("double", "end_", "middle", "paren", "start");
            assertThat(tagsOf(reply)).isEmpty();
        }

        @Test
        void onlyTagsWrittenInAsciiAreIndexedAndTheOthersAreStillFoundBySearch() {
            UUID crud = data.crud(alice, "#café and #Ok and #naïve_2", minutes(1));

            assertThat(tagsOf(crud)).containsExactly("ok");
            // Search answers a tag outside ASCII with its regular expression instead.
            assertThat(uuids(feeds.search(Reader.ANONYMOUS, new SearchTerm("#café"), PageRequest.first()).items())).containsExactly(crud);
            assertThat(uuids(feeds.search(Reader.ANONYMOUS, new SearchTerm("#OK"), PageRequest.first()).items())).containsExactly(crud);
        }

        @Test
        void anExpiredCrudsTagsAreSkippedBeforeThePageIsCut() {
            // More expired cruds with the tag than a page holds, newer than the live one: the page
            // must still reach the live crud behind them.
            UUID live = data.crud(alice, "still here #fading", minutes(180));
            for (int i = 0; i < 25; i++) {
                data.expiredCrud(alice, "gone #fading " + i);
            }

            Page<Activity> page = feeds.search(Reader.ANONYMOUS, new SearchTerm("#fading"), new PageRequest(5, Cursor.START));

            assertThat(uuids(page.items())).containsExactly(live);
        }

        @Test
        void cruddsWrittenInOneStatementEachGetTheirOwnHashtags() {
            // As COPY and multi-row inserts write them: the trigger runs for each row that has a '#'.
            Map<String, UUID> written = db.jdbi().withHandle(h -> h.createQuery("""
                            INSERT INTO activities (user_uuid, message, expires_at)
                            SELECT :user, m, now() + interval '1 hour'
                            FROM unnest(ARRAY['one #first', 'none at all', 'two #second #Second #third', 'x#y']) AS m
                            RETURNING message, uuid""")
                    .bind("user", alice)
                    .map((rs, ctx) -> Map.entry(rs.getString("message"), rs.getObject("uuid", UUID.class)))
                    .collectToMap(Map.Entry::getKey, Map.Entry::getValue));

            assertThat(tagsOf(written.get("one #first"))).containsExactly("first");
            assertThat(tagsOf(written.get("none at all"))).isEmpty();
            assertThat(tagsOf(written.get("two #second #Second #third"))).containsExactly("second", "third");
            assertThat(tagsOf(written.get("x#y"))).isEmpty();
        }

        @Test
        void aHashtagIsFoundInAnyCaseAtTheStartMiddleAndEndAndBeforePunctuation() {
            UUID bob = data.user("bob");
            post("#Tagged at the start", "in the #TAGGED middle", "at the end #tagged", "#tagged, comma",
                    "#tagged! bang", "#tagged.", "(#tagged)", "#tAgGeD", "#taggedness", "#tagged_more",
                    "un#tagged", "tagged", "#tagge", "#tagged2");
            UUID parent = data.crud(bob, "no tag here", minutes(30));
            data.reply(bob, parent, "a reply #tagged", minutes(1));
            data.expiredCrud(bob, "expired #tagged");

            List<String> expected = List.of("#Tagged at the start", "in the #TAGGED middle", "at the end #tagged",
                    "#tagged, comma", "#tagged! bang", "#tagged.", "(#tagged)", "#tAgGeD");
            assertThat(search("#tagged")).containsExactlyInAnyOrderElementsOf(expected);
            assertThat(search("#TAGGED")).containsExactlyInAnyOrderElementsOf(expected);
            assertThat(search("#tagged2")).containsExactly("#tagged2");
        }

        @Test
        void aHashtagPagesAcrossPagesNewestFirstAndSkipsExpiredCruds() {
            Instant shared = Instant.now().minus(Duration.ofMinutes(30)).truncatedTo(ChronoUnit.MICROS);
            for (int i = 0; i < 10; i++) {
                data.crudAt(alice, "same instant #Walk " + i, shared);
                data.crud(alice, "older #walk " + i, minutes(40 + i));
                data.expiredCrud(alice, "gone #walk " + i);
            }
            List<UUID> expected = expectedOrder("message ~* '#walk' AND expires_at > now()");
            assertThat(expected).hasSize(20);

            for (int limit : new int[] {1, 3, 7, 20, 21}) {
                List<Activity> walked = walk(request -> feeds.search(Reader.ANONYMOUS, new SearchTerm("#WALK"), request), limit);
                assertThat(uuids(walked)).as("limit " + limit).containsExactlyElementsOf(expected);
            }
        }

        @Test
        void purgingACrudDeletesItsHashtagRows() {
            UUID gone = data.expiredCrud(alice, "gone #soon");
            UUID kept = data.crud(alice, "kept #soon", minutes(1));

            assertThat(new PurgeExpiredActivities(db.jdbi()).purge().deleted()).isEqualTo(1);

            assertThat(tagsOf(gone)).isEmpty();
            assertThat(tagsOf(kept)).containsExactly("soon");
            assertThat(search("#soon")).containsExactly("kept #soon");
        }
    }

    @Nested
    class Thread {

        @Test
        void isTheCrudAndItsRepliesNewestFirst() {
            UUID alice = data.user("alice");
            UUID bob = data.user("bob");
            UUID crud = data.crud(alice, "the crud", minutes(30));
            UUID otherCrud = data.crud(alice, "another crud", minutes(30));
            data.reply(bob, crud, "first reply", minutes(20));
            data.reply(alice, crud, "third reply", minutes(1));
            data.reply(bob, crud, "second reply", minutes(10));
            data.reply(bob, otherCrud, "reply elsewhere", minutes(5));

            CrudThread thread = feeds.thread(Reader.ANONYMOUS, crud, PageRequest.first());

            assertThat(thread.crud().uuid()).isEqualTo(crud);
            assertThat(thread.crud().message()).isEqualTo("the crud");
            assertThat(messages(thread.replies())).containsExactly("third reply", "second reply", "first reply");
            assertThat(thread.replies().items()).allSatisfy(r -> assertThat(r.replyToActivityUuid()).isEqualTo(crud));
            assertThat(thread.replies().next()).isEmpty();
        }

        @Test
        void repliesArePaged() {
            UUID alice = data.user("alice");
            UUID crud = data.crud(alice, "popular", minutes(60));
            Instant shared = Instant.now().minus(Duration.ofMinutes(30)).truncatedTo(ChronoUnit.MICROS);
            for (int i = 0; i < 12; i++) {
                UUID reply = data.reply(alice, crud, "reply " + i, minutes(i + 1));
                if (i % 3 == 0) {
                    db.jdbi().useHandle(h -> h.createUpdate("UPDATE activities SET created_at = :t WHERE uuid = :u")
                            .bind("t", shared).bind("u", reply).execute());
                }
            }
            List<UUID> expected = expectedOrder("reply_to_activity_uuid = '" + crud + "'");

            List<Activity> walked = walk(request -> feeds.thread(Reader.ANONYMOUS, crud, request).replies(), 5);

            assertThat(uuids(walked)).hasSize(12).containsExactlyElementsOf(expected);
        }

        @Test
        void unknownCrudIsActivityNotFound() {
            UUID unknown = UUID.randomUUID();

            assertThatThrownBy(() -> feeds.thread(Reader.ANONYMOUS, unknown, PageRequest.first()))
                    .isInstanceOfSatisfying(NotFoundException.class,
                            e -> assertThat(e.code()).isEqualTo("activity_not_found"))
                    .hasMessageContaining(unknown.toString());
        }

        @Test
        void expiredCrudIsActivityNotFound() {
            UUID alice = data.user("alice");
            UUID expired = data.expiredCrud(alice, "gone");
            data.reply(alice, expired, "gone too", minutes(90));

            assertThatThrownBy(() -> feeds.thread(Reader.ANONYMOUS, expired, PageRequest.first()))
                    .isInstanceOfSatisfying(NotFoundException.class,
                            e -> assertThat(e.code()).isEqualTo("activity_not_found"));
        }
    }

    @Nested
    class FollowingTimeline {

        private final Reactions reactions = new Reactions(db.jdbi());

        @Test
        void isTheCrudsOfThePeopleFollowedAndOnesOwnNewestFirst() {
            UUID me = data.user("me");
            UUID bob = data.user("bob");
            UUID carol = data.user("carol");
            UUID stranger = data.user("stranger");
            data.follow(me, bob);
            data.follow(me, carol);
            data.crud(bob, "bob early", minutes(50));
            data.crud(me, "mine", minutes(40));
            data.crud(stranger, "not followed", minutes(30));
            UUID carols = data.crud(carol, "carol", minutes(20));
            data.reply(bob, carols, "a reply is not in timelines", minutes(10));
            data.expiredCrud(bob, "bob expired");

            assertThat(messages(feeds.following(Reader.signedIn(me), PageRequest.first())))
                    .containsExactly("carol", "mine", "bob early");
            assertThat(messages(feeds.following(Reader.signedIn(stranger), PageRequest.first())))
                    .containsExactly("not followed");
        }

        @Test
        void showsARepostBySomeoneFollowedWhenItWasRepostedUntilItIsTakenBack() {
            UUID me = data.user("me");
            UUID bob = data.user("bob");
            UUID stranger = data.user("stranger");
            data.follow(me, bob);
            UUID old = data.crud(stranger, "worth reposting", minutes(60));
            data.crud(bob, "bob's own", minutes(30));
            reactions.add(bob, old, Reaction.REPOST);

            List<Activity> timeline = feeds.following(Reader.signedIn(me), PageRequest.first()).items();

            assertThat(timeline).extracting(Activity::message).containsExactly("worth reposting", "bob's own");
            Activity repost = timeline.get(0);
            assertThat(repost.handle()).isEqualTo("stranger");
            assertThat(repost.repostedBy().handle()).isEqualTo("bob");
            assertThat(repost.repostedBy().displayName()).isEqualTo("Name of bob");
            assertThat(repost.repostedBy().repostedAt()).isAfter(repost.createdAt());
            assertThat(repost.repostsCount()).isEqualTo(1);
            assertThat(timeline.get(1).repostedBy()).isNull();

            reactions.remove(bob, old, Reaction.REPOST);
            assertThat(messages(feeds.following(Reader.signedIn(me), PageRequest.first()))).containsExactly("bob's own");
        }

        @Test
        void aRepostExpiresWithItsCrud() {
            UUID me = data.user("me");
            UUID bob = data.user("bob");
            data.follow(me, bob);
            UUID soon = data.activity(me, "soon gone", null, minutes(10), Duration.ofSeconds(2));
            reactions.add(bob, soon, Reaction.REPOST);
            assertThat(feeds.following(Reader.signedIn(me), PageRequest.first()).items()).hasSize(2);

            // Later: the crud, and its entries with it, have expired.
            db.jdbi().useHandle(h -> {
                h.execute("UPDATE activities SET expires_at = now() - interval '1 second', created_at = now() - interval '1 hour'");
                h.execute("UPDATE feed_entries SET expires_at = now() - interval '1 second'");
            });
            assertThat(feeds.following(Reader.signedIn(me), PageRequest.first()).items()).isEmpty();
        }

        /**
         * Someone who follows few people and someone who follows many get their timeline from
         * different plans; both must give exactly what a plain query over cruds and reposts gives,
         * page after page, with entries at the same instant ordered by uuid.
         */
        @ParameterizedTest
        @ValueSource(ints = {3, 199, 200, 260})
        void pagesWalkTheWholeTimelineOnceInOrderWhateverTheNumberFollowed(int followed) {
            db.jdbi().useHandle(h -> {
                h.execute("""
                        INSERT INTO users (display_name, handle, email)
                        SELECT 'Poster ' || i, 'poster_' || i, 'poster_' || i || '@example.com'
                        FROM generate_series(1, 300) AS i""");
                h.execute("""
                        INSERT INTO activities (user_uuid, message, created_at, expires_at)
                        SELECT u.uuid, 'crud ' || i || ' by ' || u.handle,
                               date_trunc('minute', now()) - make_interval(mins => ((i * 7 + n) % 50)::int), now() + interval '1 day'
                        FROM (SELECT uuid, handle, row_number() OVER (ORDER BY handle) AS n FROM users) u,
                             generate_series(1, 3) AS i""");
                h.execute("""
                        INSERT INTO reactions (activity_uuid, user_uuid, kind, created_at)
                        SELECT a.uuid, u.uuid, 'repost', a.created_at + make_interval(secs => 30 + u.n)
                        FROM (SELECT uuid, handle, row_number() OVER (ORDER BY handle) AS n FROM users) u
                        JOIN LATERAL (SELECT uuid, created_at FROM activities
                                      WHERE user_uuid <> u.uuid ORDER BY uuid LIMIT 1 OFFSET u.n % 40) a ON true
                        WHERE u.n % 5 = 0""");
            });
            UUID me = data.user("me");
            data.crud(me, "my own", minutes(3));
            List<UUID> posters = db.jdbi().withHandle(h -> h.createQuery(
                    "SELECT uuid FROM users WHERE handle LIKE 'poster_%' ORDER BY handle LIMIT :n")
                    .bind("n", followed).mapTo(UUID.class).list());
            posters.forEach(poster -> data.follow(me, poster));

            List<Activity> walked = walk(request -> feeds.following(Reader.signedIn(me), request), 7);

            List<String> expected = db.jdbi().withHandle(h -> h.createQuery("""
                    SELECT uuid || ' ' || coalesce(reposter, '') FROM (
                        SELECT a.uuid, a.created_at AS listed_at, NULL AS reposter
                        FROM activities a
                        WHERE a.reply_to_activity_uuid IS NULL AND a.expires_at > now()
                          AND (a.user_uuid = :me OR a.user_uuid IN (SELECT followee_uuid FROM follows WHERE follower_uuid = :me))
                        UNION ALL
                        SELECT a.uuid, r.created_at, u.handle
                        FROM reactions r JOIN activities a ON a.uuid = r.activity_uuid JOIN users u ON u.uuid = r.user_uuid
                        WHERE r.kind = 'repost' AND a.expires_at > now()
                          AND (r.user_uuid = :me OR r.user_uuid IN (SELECT followee_uuid FROM follows WHERE follower_uuid = :me))
                    ) entries
                    ORDER BY listed_at DESC, uuid DESC""").bind("me", me).mapTo(String.class).list());
            assertThat(expected).hasSizeGreaterThan(followed * 3);
            assertThat(walked).extracting(a -> a.uuid() + " " + (a.repostedBy() == null ? "" : a.repostedBy().handle()))
                    .containsExactlyElementsOf(expected);
        }
    }

    @Nested
    class PersonsPage {

        @Test
        void showsTheirCrudsAndTheirRepostsMarkedAsTheirs() {
            UUID me = data.user("me");
            UUID bob = data.user("bob");
            UUID bobs = data.crud(bob, "bob's", minutes(60));
            data.crud(me, "mine", minutes(30));
            new Reactions(db.jdbi()).add(me, bobs, Reaction.REPOST);

            List<Activity> page = feeds.byHandle(Reader.ANONYMOUS, "me", PageRequest.first()).items();

            assertThat(page).extracting(Activity::message).containsExactly("bob's", "mine");
            assertThat(page.get(0).repostedBy().handle()).isEqualTo("me");
            assertThat(page.get(1).repostedBy()).isNull();
            assertThat(messages(feeds.byHandle(Reader.ANONYMOUS, "bob", PageRequest.first()))).containsExactly("bob's");
        }
    }
}
