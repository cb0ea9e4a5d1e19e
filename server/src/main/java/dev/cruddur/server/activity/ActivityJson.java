package dev.cruddur.server.activity;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import dev.cruddur.activity.Activity;
import dev.cruddur.activity.CrudThread;
import dev.cruddur.activity.Repost;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * How an activity is written in the API, field by field, exactly as Jackson writes the record
 * with the API's conventions (snake_case, ISO-8601 instants, nulls kept but for the reader's marks
 * and the repost, which are there only when known; {@code ActivityJsonTest}
 * compares the two): every feed writes twenty of them per request, and Jackson's way (looking up
 * each property's serializer, {@code Instant.toString()}) cost half again as much CPU.
 * A crud's page ({@link CrudThread}) is the crud's fields with its replies under {@code "replies"}.
 */
public final class ActivityJson {

    private static final SerializableString UUID_FIELD = new SerializedString("uuid");
    private static final SerializableString DISPLAY_NAME = new SerializedString("display_name");
    private static final SerializableString HANDLE = new SerializedString("handle");
    private static final SerializableString MESSAGE = new SerializedString("message");
    private static final SerializableString REPLIES_COUNT = new SerializedString("replies_count");
    private static final SerializableString REPOSTS_COUNT = new SerializedString("reposts_count");
    private static final SerializableString LIKES_COUNT = new SerializedString("likes_count");
    private static final SerializableString REPLY_TO_ACTIVITY_UUID = new SerializedString("reply_to_activity_uuid");
    private static final SerializableString EXPIRES_AT = new SerializedString("expires_at");
    private static final SerializableString CREATED_AT = new SerializedString("created_at");
    private static final SerializableString LIKED_BY_ME = new SerializedString("liked_by_me");
    private static final SerializableString REPOSTED_BY_ME = new SerializedString("reposted_by_me");
    private static final SerializableString REPOSTED_BY = new SerializedString("reposted_by");
    private static final SerializableString REPOSTED_AT = new SerializedString("reposted_at");
    private static final SerializableString REPLIES = new SerializedString("replies");

    /** Four-digit years, written without a sign; the rest is left to {@link Instant#toString()}. */
    private static final long YEAR_0 = -62_167_219_200L;
    private static final long YEAR_10000 = 253_402_300_800L;

    private ActivityJson() {
    }

    /** The serializers of {@link Activity} and {@link CrudThread}. */
    public static SimpleModule module() {
        return new SimpleModule("cruddur-activity")
                .addSerializer(Activity.class, new StdSerializer<>(Activity.class) {
                    @Override
                    public void serialize(Activity activity, JsonGenerator json, SerializerProvider provider)
                            throws IOException {
                        json.writeStartObject(activity);
                        writeFields(activity, json);
                        json.writeEndObject();
                    }
                })
                .addSerializer(CrudThread.class, new StdSerializer<>(CrudThread.class) {
                    @Override
                    public void serialize(CrudThread thread, JsonGenerator json, SerializerProvider provider)
                            throws IOException {
                        json.writeStartObject(thread);
                        writeFields(thread.crud(), json);
                        json.writeFieldName(REPLIES);
                        json.writeStartArray();
                        for (Activity reply : thread.replies().items()) {
                            json.writeStartObject(reply);
                            writeFields(reply, json);
                            json.writeEndObject();
                        }
                        json.writeEndArray();
                        json.writeEndObject();
                    }
                });
    }

    private static void writeFields(Activity activity, JsonGenerator json) throws IOException {
        json.writeFieldName(UUID_FIELD);
        writeUuid(activity.uuid(), json);
        json.writeFieldName(DISPLAY_NAME);
        json.writeString(activity.displayName());
        json.writeFieldName(HANDLE);
        json.writeString(activity.handle());
        json.writeFieldName(MESSAGE);
        json.writeString(activity.message());
        json.writeFieldName(REPLIES_COUNT);
        json.writeNumber(activity.repliesCount());
        json.writeFieldName(REPOSTS_COUNT);
        json.writeNumber(activity.repostsCount());
        json.writeFieldName(LIKES_COUNT);
        json.writeNumber(activity.likesCount());
        json.writeFieldName(REPLY_TO_ACTIVITY_UUID);
        writeUuid(activity.replyToActivityUuid(), json);
        json.writeFieldName(EXPIRES_AT);
        json.writeString(iso8601(activity.expiresAt()));
        json.writeFieldName(CREATED_AT);
        json.writeString(iso8601(activity.createdAt()));
        writeIfKnown(LIKED_BY_ME, activity.likedByMe(), json);
        writeIfKnown(REPOSTED_BY_ME, activity.repostedByMe(), json);
        Repost repost = activity.repostedBy();
        if (repost != null) {
            json.writeFieldName(REPOSTED_BY);
            json.writeStartObject(repost);
            json.writeFieldName(HANDLE);
            json.writeString(repost.handle());
            json.writeFieldName(DISPLAY_NAME);
            json.writeString(repost.displayName());
            json.writeFieldName(REPOSTED_AT);
            json.writeString(iso8601(repost.repostedAt()));
            json.writeEndObject();
        }
    }

    /** Left out for a reader who is not signed in, as {@link Json} leaves out every null yes-or-no. */
    private static void writeIfKnown(SerializableString name, Boolean value, JsonGenerator json) throws IOException {
        if (value != null) {
            json.writeFieldName(name);
            json.writeBoolean(value);
        }
    }

    private static void writeUuid(UUID uuid, JsonGenerator json) throws IOException {
        if (uuid == null) {
            json.writeNull();
        } else {
            json.writeString(uuid.toString());
        }
    }

    /**
     * What {@link Instant#toString()} gives (and so Jackson): {@code 2026-12-04T10:11:12.123456Z},
     * the fraction in groups of three digits and left out when zero; without the formatter.
     */
    static String iso8601(Instant instant) {
        long seconds = instant.getEpochSecond();
        if (seconds < YEAR_0 || seconds >= YEAR_10000) {
            return instant.toString();
        }
        LocalDateTime utc = LocalDateTime.ofEpochSecond(seconds, 0, ZoneOffset.UTC);
        char[] text = new char[30];
        int at = digits(text, 0, utc.getYear(), 4);
        text[at++] = '-';
        at = digits(text, at, utc.getMonthValue(), 2);
        text[at++] = '-';
        at = digits(text, at, utc.getDayOfMonth(), 2);
        text[at++] = 'T';
        at = digits(text, at, utc.getHour(), 2);
        text[at++] = ':';
        at = digits(text, at, utc.getMinute(), 2);
        text[at++] = ':';
        at = digits(text, at, utc.getSecond(), 2);
        int nanos = instant.getNano();
        if (nanos != 0) {
            text[at++] = '.';
            if (nanos % 1_000_000 == 0) {
                at = digits(text, at, nanos / 1_000_000, 3);
            } else if (nanos % 1_000 == 0) {
                at = digits(text, at, nanos / 1_000, 6);
            } else {
                at = digits(text, at, nanos, 9);
            }
        }
        text[at++] = 'Z';
        return new String(text, 0, at);
    }

    /** Writes {@code value} as exactly {@code width} decimal digits, zero-padded. */
    private static int digits(char[] text, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            text[i] = (char) ('0' + value % 10);
            value /= 10;
        }
        return at + width;
    }
}
