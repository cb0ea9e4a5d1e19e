package dev.cruddur.activity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.cruddur.error.ValidationException;
import dev.cruddur.error.Violation;
import dev.cruddur.testing.TestData;
import dev.cruddur.testing.TestDatabase;
import dev.cruddur.user.Users;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class PostCrudTest {

    @RegisterExtension
    static final TestDatabase db = TestDatabase.migrated();
    private static final TestData data = new TestData(db.jdbi());
    private static final PostCrud postCrud = new PostCrud(db.jdbi());
    private static final UUID author = data.user("Poster_1");

    @BeforeEach
    void noActivities() {
        db.jdbi().useHandle(h -> h.execute("DELETE FROM activities"));
    }

    private static long activities() {
        return data.count("SELECT count(*) FROM activities");
    }

    private static List<String> codes(ValidationException e) {
        return e.violations().stream().map(Violation::code).toList();
    }

    private static void assertRejected(String message, String ttl, String... codes) {
        assertThatThrownBy(() -> postCrud.post(author, message, ttl))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(codes(e)).containsExactly(codes));
        assertThat(activities()).as("rows written").isZero();
    }

    @Test
    void storesTheCrudAndReturnsItWithItsAuthor() {
        Activity crud = postCrud.post(author, "Hello, Cruddur!", "1-day");

        assertThat(crud.uuid()).isNotNull();
        assertThat(crud.handle()).isEqualTo("Poster_1");
        assertThat(crud.displayName()).isEqualTo("Name of Poster_1");
        assertThat(crud.message()).isEqualTo("Hello, Cruddur!");
        assertThat(crud.repliesCount()).isZero();
        assertThat(crud.repostsCount()).isZero();
        assertThat(crud.likesCount()).isZero();
        assertThat(crud.replyToActivityUuid()).isNull();
        assertThat(crud.createdAt()).isCloseTo(Instant.now(), within(Duration.ofMinutes(1)));

        Map<String, Object> row = db.jdbi().withHandle(h -> h.createQuery(
                "SELECT user_uuid, message, created_at = :createdAt AND expires_at = :expiresAt AS same_times "
                        + "FROM activities WHERE uuid = :uuid")
                .bind("uuid", crud.uuid())
                .bind("createdAt", crud.createdAt())
                .bind("expiresAt", crud.expiresAt())
                .mapToMap().one());
        assertThat(row).containsEntry("user_uuid", author)
                .containsEntry("message", "Hello, Cruddur!")
                .containsEntry("same_times", true);
        assertThat(activities()).isEqualTo(1);
    }

    @Test
    void isAttributedToTheGivenAuthorOnly() {
        UUID other = data.user("someone_else");

        Activity crud = postCrud.post(other, "mine", "1-hour");

        assertThat(crud.handle()).isEqualTo("someone_else");
        assertThat(data.count("SELECT count(*) FROM activities WHERE user_uuid = '" + other + "'")).isEqualTo(1);
        assertThat(data.count("SELECT count(*) FROM activities WHERE user_uuid = '" + author + "'")).isZero();
    }

    @Test
    void showsUpInTheHomeFeed() {
        Activity crud = postCrud.post(author, "fresh", "3-hours");

        List<Activity> home = new ActivityFeeds(db.jdbi(), new Users(db.jdbi()))
                .home(Reader.signedIn(author), PageRequest.first()).items();

        assertThat(home).containsExactly(crud);
    }

    @Test
    void acceptsExactly280CodePointsOfEmoji() {
        String message = "😀".repeat(280);
        assertThat(message).hasSize(560);

        Activity crud = postCrud.post(author, message, "1-hour");

        assertThat(crud.message()).isEqualTo(message);
        assertThat(data.count("SELECT char_length(message) FROM activities")).isEqualTo(280);
    }

    @Test
    void acceptsExactly280AsciiCharacters() {
        String message = "a".repeat(280);

        assertThat(postCrud.post(author, message, "1-hour").message()).isEqualTo(message);
    }

    @Test
    void rejects281CodePoints() {
        assertRejected("😀".repeat(281), "1-hour", "message_exceed_max_chars");
        assertRejected("a".repeat(281), "1-hour", "message_exceed_max_chars");
        assertRejected("a".repeat(280) + "😀", "1-hour", "message_exceed_max_chars");
    }

    @Test
    void theLengthViolationNamesTheFieldAndTheLimit() {
        assertThatThrownBy(() -> postCrud.post(author, "x".repeat(300), "1-hour"))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.violations()).hasSize(1);
                    Violation violation = e.violations().get(0);
                    assertThat(violation.code()).isEqualTo("message_exceed_max_chars");
                    assertThat(violation.field()).isEqualTo("message");
                    assertThat(violation.message()).contains("300").contains("280");
                });
    }

    @Test
    void stripsSurroundingWhitespaceBeforeCountingAndStoring() {
        String message = "  \n\t" + "b".repeat(280) + " \r\n ";

        Activity crud = postCrud.post(author, message, "1-hour");

        assertThat(crud.message()).isEqualTo("b".repeat(280));
        assertThat(postCrud.post(author, "  inner  space kept \n", "1-hour").message()).isEqualTo("inner  space kept");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" ", "   ", "\n\t \r\n", "\u2003\u3000"})
    void blankMessageIsMessageBlank(String message) {
        assertRejected(message, "1-hour", "message_blank");
    }

    @ParameterizedTest
    @ValueSource(strings = {"hello\u0000world", "\u0000", "lone high \uD83D surrogate", "lone low \uDE00 surrogate",
        "reversed \uDE00\uD83D pair", "ends with high \uD83D"})
    void nulOrLoneSurrogateIsMessageInvalid(String message) {
        assertRejected(message, "1-hour", "message_invalid");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" ", "2-days", "forever", "1-days", "30-DAYS", "THIRTY_DAYS", "3600"})
    void missingOrUnknownTtlIsTtlInvalid(String ttl) {
        assertThatThrownBy(() -> postCrud.post(author, "valid message", ttl))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(codes(e)).containsExactly("ttl_invalid");
                    assertThat(e.violations().get(0).field()).isEqualTo("ttl");
                    assertThat(e.violations().get(0).message()).contains(String.join(", ", Ttl.codes()));
                });
        assertThat(activities()).isZero();
    }

    @Test
    void reportsEveryProblemAtOnce() {
        assertRejected("   ", "2-days", "message_blank", "ttl_invalid");
        assertRejected(null, null, "message_blank", "ttl_invalid");
        assertRejected("x".repeat(281), "", "message_exceed_max_chars", "ttl_invalid");
        assertRejected("\u0000", "never", "message_invalid", "ttl_invalid");
    }

    @ParameterizedTest
    @EnumSource(Ttl.class)
    void expiresExactlyTheTtlAfterItWasCreated(Ttl ttl) {
        Activity crud = postCrud.post(author, "lives " + ttl.code(), ttl.code());

        assertThat(Duration.between(crud.createdAt(), crud.expiresAt())).isEqualTo(ttl.duration());
        long storedSeconds = data.count(
                "SELECT extract(epoch FROM expires_at - created_at)::bigint FROM activities WHERE uuid = '" + crud.uuid() + "'");
        assertThat(storedSeconds).isEqualTo(ttl.duration().toSeconds());
    }

    @Test
    void theSevenTtlsOfTheOriginalApp() {
        assertThat(Ttl.codes()).containsExactly("30-days", "7-days", "3-days", "1-day", "12-hours", "3-hours", "1-hour");
    }
}
