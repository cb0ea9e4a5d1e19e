package dev.cruddur.activity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cruddur.testing.TestData;
import dev.cruddur.testing.TestDatabase;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Several people's marks on one crud in one statement, as {@link MarkBatches} gathers them. */
class ChangeMarksTest {

    @RegisterExtension
    static final TestDatabase db = TestDatabase.migrated();
    private static final TestData data = new TestData(db.jdbi());

    private UUID author;
    private UUID alice;
    private UUID bob;
    private UUID carol;
    private UUID dave;
    private UUID crud;

    @BeforeEach
    void aCrudCarolLikedAndReposted() {
        db.jdbi().useHandle(h -> h.execute("TRUNCATE users, activities CASCADE"));
        author = data.user("author");
        alice = data.user("alice");
        bob = data.user("bob");
        carol = data.user("carol");
        dave = data.user("dave");
        crud = data.crud(author, "a crud to mark", Duration.ofMinutes(1));
        write(List.of(new Mark(carol, Reaction.LIKE, true), new Mark(carol, Reaction.REPOST, true)));
    }

    private Map<UUID, Activity> write(List<Mark> marks) {
        return db.jdbi().withHandle(h -> new ActivityDao(h).changeMarks(crud, marks));
    }

    @Test
    void oneStatementGivesEveryMarkAndAnswersEachPersonWithTheCountsAfterAll() {
        Map<UUID, Activity> seen = write(List.of(
                new Mark(alice, Reaction.LIKE, true),
                new Mark(bob, Reaction.LIKE, true),
                new Mark(alice, Reaction.REPOST, true),
                new Mark(carol, Reaction.LIKE, true)));

        assertThat(seen).containsOnlyKeys(alice, bob, carol);
        assertThat(seen.values()).allSatisfy(crudSeen -> {
            assertThat(crudSeen.likesCount()).isEqualTo(3);
            assertThat(crudSeen.repostsCount()).isEqualTo(2);
        });
        assertThat(marksOf(seen.get(alice))).containsExactly(true, true);
        assertThat(marksOf(seen.get(bob))).containsExactly(true, false);
        assertThat(marksOf(seen.get(carol))).containsExactly(true, true);
        assertThat(data.count("SELECT count(*) FROM reactions WHERE kind = 'like'")).isEqualTo(3);
        assertThat(data.count("SELECT count(*) FROM notifications WHERE kind = 'like'")).isEqualTo(3);
    }

    @Test
    void oneStatementTakesEveryMarkBackAndAnswersEachPersonWithTheCountsAfterAll() {
        write(List.of(new Mark(alice, Reaction.LIKE, true), new Mark(bob, Reaction.LIKE, true)));

        Map<UUID, Activity> seen = write(List.of(
                new Mark(alice, Reaction.LIKE, false),
                new Mark(carol, Reaction.LIKE, false),
                new Mark(dave, Reaction.LIKE, false)));

        assertThat(seen).containsOnlyKeys(alice, carol, dave);
        assertThat(seen.values()).allSatisfy(crudSeen -> {
            assertThat(crudSeen.likesCount()).isEqualTo(1);
            assertThat(crudSeen.repostsCount()).isEqualTo(1);
        });
        assertThat(marksOf(seen.get(alice))).containsExactly(false, false);
        // Carol took back her like; her repost, not in this statement, is read as it was.
        assertThat(marksOf(seen.get(carol))).containsExactly(false, true);
        assertThat(marksOf(seen.get(dave))).containsExactly(false, false);
        assertThat(data.count("SELECT likes_count FROM activities")).isEqualTo(1);
        assertThat(data.count("SELECT count(*) FROM reactions WHERE kind = 'like'")).isEqualTo(1);
        assertThat(data.count("SELECT count(*) FROM notifications WHERE kind = 'like'")).isEqualTo(1);
    }

    @Test
    void marksGivenAndTakenBackAreNotWrittenInOneStatement() {
        assertThatThrownBy(() -> write(List.of(new Mark(alice, Reaction.LIKE, true), new Mark(bob, Reaction.LIKE, false))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void marksThatChangeNothingLeaveTheCountsAndTheRowAsTheyWere() {
        long version = rowVersion();

        Map<UUID, Activity> given = write(List.of(new Mark(carol, Reaction.LIKE, true)));
        Map<UUID, Activity> takenBack = write(List.of(new Mark(dave, Reaction.REPOST, false)));

        assertThat(given.get(carol).likesCount()).isEqualTo(1);
        assertThat(takenBack.get(dave).repostsCount()).isEqualTo(1);
        assertThat(rowVersion()).as("no new version of the crud's row").isEqualTo(version);
    }

    @Test
    void onACrudThatIsNotVisibleNothingIsWrittenAndNobodyIsAnswered() {
        crud = data.expiredCrud(author, "gone");

        assertThat(write(List.of(new Mark(alice, Reaction.LIKE, true), new Mark(bob, Reaction.REPOST, true)))).isEmpty();
        assertThat(data.count("SELECT count(*) FROM reactions WHERE activity_uuid = '" + crud + "'")).isZero();
    }

    private static List<Boolean> marksOf(Activity seen) {
        return List.of(seen.likedByMe(), seen.repostedByMe());
    }

    private long rowVersion() {
        return data.count("SELECT xmin::text::bigint FROM activities WHERE uuid = '" + crud + "'");
    }
}
