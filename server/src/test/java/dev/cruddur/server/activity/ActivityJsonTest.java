package dev.cruddur.server.activity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cruddur.activity.Activity;
import dev.cruddur.activity.CrudThread;
import dev.cruddur.activity.Cursor;
import dev.cruddur.activity.Page;
import dev.cruddur.activity.Repost;
import dev.cruddur.server.http.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The hand-written serializers give byte for byte what Jackson gives for the records with the
 * API's conventions, so a field added to {@link Activity} and forgotten there fails here.
 */
class ActivityJsonTest {

    private final ObjectMapper jackson = Json.mapper();
    private final ObjectMapper handWritten = Json.mapper().registerModule(ActivityJson.module());
    private final Random random = new Random(15);

    @Test
    void activitiesAreWrittenExactlyAsJacksonWritesTheRecord() throws Exception {
        List<Activity> activities = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            activities.add(randomActivity());
        }
        assertThat(new String(handWritten.writeValueAsBytes(activities), "UTF-8"))
                .isEqualTo(new String(jackson.writeValueAsBytes(activities), "UTF-8"));
        for (Activity activity : activities) {
            assertThat(handWritten.writeValueAsString(activity)).isEqualTo(jackson.writeValueAsString(activity));
        }
    }

    @Test
    void aCrudsPageIsTheCrudWithItsRepliesUnderReplies() throws Exception {
        List<Activity> replies = List.of(randomActivity(), randomActivity(), randomActivity());
        CrudThread thread = new CrudThread(randomActivity(), new Page<>(replies, Optional.of(Cursor.START)));

        ObjectNode expected = jackson.valueToTree(thread.crud());
        expected.set("replies", jackson.valueToTree(replies));
        assertThat(handWritten.writeValueAsString(thread)).isEqualTo(jackson.writeValueAsString(expected));
        CrudThread noReplies = new CrudThread(thread.crud(), new Page<>(List.of(), Optional.empty()));
        assertThat(handWritten.readTree(handWritten.writeValueAsBytes(noReplies)).get("replies").size()).isZero();
    }

    @Test
    void instantsAreWrittenAsInstantToStringWritesThem() {
        List<Instant> instants = new ArrayList<>(List.of(Instant.EPOCH, Instant.parse("9999-12-31T23:59:59.999999999Z"),
                Instant.parse("2026-12-04T10:11:12Z"), Instant.parse("2026-12-04T10:11:12.100Z"),
                Instant.parse("2026-12-04T10:11:12.000100Z"), Instant.parse("2026-12-04T10:11:12.000000100Z"),
                Instant.parse("1969-12-31T23:59:59.5Z"), Instant.parse("+10000-01-01T00:00:00Z"), Instant.MIN, Instant.MAX));
        for (int i = 0; i < 200_000; i++) {
            long seconds = random.nextLong(-62_167_219_200L, 253_402_300_800L);
            int nanos = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1_000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
            };
            instants.add(Instant.ofEpochSecond(seconds, nanos));
        }
        for (Instant instant : instants) {
            assertThat(ActivityJson.iso8601(instant)).as("%s", instant).isEqualTo(instant.toString());
        }
    }

    private Activity randomActivity() {
        Instant created = Instant.ofEpochSecond(1_700_000_000L + random.nextInt(100_000_000), random.nextInt(1_000_000) * 1_000L);
        String[] messages = {"hello", "ünïcödé and 🎉 emoji", "quotes \" and \\ backslashes\nand a newline\t", "<b>&amp;</b>",
                "\u0001 control", "#cruddur"};
        return new Activity(UUID.randomUUID(), "Name " + random.nextInt(100), "handle_" + random.nextInt(1000),
                messages[random.nextInt(messages.length)], random.nextInt(50), random.nextInt(3), random.nextInt(7),
                random.nextBoolean() ? UUID.randomUUID() : null, created.plusSeconds(3_600), created, mark(), mark(), repost(created));
    }

    /** Listed as its author's, or reposted by someone a little later. */
    private Repost repost(Instant created) {
        return random.nextBoolean() ? null
                : new Repost("reposter_" + random.nextInt(1000), "Reposter \"" + random.nextInt(10) + "\" 🔁",
                        created.plusMillis(1 + random.nextInt(1_000_000)));
    }

    /** A reader's mark: unknown (anonymous), or yes or no. */
    private Boolean mark() {
        int pick = random.nextInt(3);
        return pick == 0 ? null : pick == 1;
    }
}
