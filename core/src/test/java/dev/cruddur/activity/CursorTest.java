package dev.cruddur.activity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cruddur.error.ValidationException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CursorTest {

    private static final String UUID_TEXT = "3f2504e0-4f89-41d3-9a0c-0305e82c3301";

    private static String base64(String raw) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    private static void assertInvalid(String encoded) {
        assertThatThrownBy(() -> Cursor.decode(encoded))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.violations()).hasSize(1);
                    assertThat(e.violations().get(0).code()).isEqualTo("cursor_invalid");
                    assertThat(e.violations().get(0).field()).isEqualTo("cursor");
                });
    }

    @Test
    void roundTripKeepsMicroseconds() {
        Cursor cursor = new Cursor(Instant.parse("2026-11-24T19:06:26.123456Z"), UUID.fromString(UUID_TEXT));

        Cursor decoded = Cursor.decode(cursor.encode());

        assertThat(decoded).isEqualTo(cursor);
        assertThat(decoded.createdAt().getNano()).isEqualTo(123_456_000);
    }

    @Test
    void roundTripOfTheExtremes() {
        Cursor epoch = new Cursor(Instant.EPOCH, new UUID(0, 0));
        Cursor oneMicro = new Cursor(Instant.parse("2000-01-01T00:00:00.000001Z"), new UUID(Long.MIN_VALUE, 1));

        assertThat(Cursor.decode(Cursor.START.encode())).isEqualTo(Cursor.START);
        assertThat(Cursor.decode(epoch.encode())).isEqualTo(epoch);
        assertThat(Cursor.decode(oneMicro.encode())).isEqualTo(oneMicro);
    }

    @Test
    void roundTripOfManyRandomCursors() {
        Random random = new Random(42);
        long maxMicros = Cursor.START.createdAt().getEpochSecond() * 1_000_000L + 999_999;
        for (int i = 0; i < 1000; i++) {
            long micros = (long) (random.nextDouble() * maxMicros);
            Instant createdAt = Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
            Cursor cursor = new Cursor(createdAt, new UUID(random.nextLong(), random.nextLong()));
            assertThat(Cursor.decode(cursor.encode())).isEqualTo(cursor);
        }
    }

    @Test
    void anInstantFinerThanPostgresqlIsCutToTheMicrosecond() {
        Cursor cursor = new Cursor(Instant.parse("2026-01-01T00:00:00.123456789Z"), UUID.fromString(UUID_TEXT));

        assertThat(Cursor.decode(cursor.encode()).createdAt()).isEqualTo(Instant.parse("2026-01-01T00:00:00.123456Z"));
    }

    @Test
    void encodedFormIsUrlSafeAndOpaque() {
        String encoded = new Cursor(Instant.parse("2026-11-24T19:06:26.123456Z"), UUID.fromString(UUID_TEXT)).encode();

        assertThat(encoded).matches("[A-Za-z0-9_-]+").doesNotContain(UUID_TEXT);
        assertThat(Cursor.START.encode()).matches("[A-Za-z0-9_-]+");
    }

    @Test
    void acceptsThePaddedFormOfItsOwnEncoding() {
        Cursor cursor = new Cursor(Instant.parse("2026-11-24T19:06:26.123456Z"), UUID.fromString(UUID_TEXT));
        String padded = Base64.getUrlEncoder().encodeToString(
                Base64.getUrlDecoder().decode(cursor.encode()));

        assertThat(Cursor.decode(padded)).isEqualTo(cursor);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "garbage", "not base64!", "%%%", "a b c", "====", "abc$", "🙂",
        "MTo-+/", "MToxMjM6"})
    void garbageAndNonBase64AreInvalid(String encoded) {
        assertInvalid(encoded);
    }

    /** Base64 that decodes, to a text that is not {@code version:micros:uuid} with each part in range. */
    @ParameterizedTest
    @ValueSource(strings = {
        // a version other than 1
        "2:1700000000000000:" + UUID_TEXT,
        "0:1700000000000000:" + UUID_TEXT,
        ":1700000000000000:" + UUID_TEXT,
        "v1:1700000000000000:" + UUID_TEXT,
        "1 :1700000000000000:" + UUID_TEXT,
        // a time out of range, or not a whole number
        "1:99999999999999999999:" + UUID_TEXT,
        "1:9223372036854775807:" + UUID_TEXT,
        "1:-9223372036854775808:" + UUID_TEXT,
        "1:253402300800000000:" + UUID_TEXT,
        "1:-1:" + UUID_TEXT,
        "1:1e6:" + UUID_TEXT,
        "1:1.5:" + UUID_TEXT,
        "1::" + UUID_TEXT,
        "1: 17:" + UUID_TEXT,
        // a bad UUID, or parts missing or left over
        "1:1700000000000000:not-a-uuid",
        "1:1700000000000000:",
        "1:1700000000000000:3f2504e0-4f89-41d3-9a0c-0305e82c3301-ff",
        "1:1700000000000000:3f2504e04f8941d39a0c0305e82c3301",
        "1:1700000000000000",
        "1",
        "1:1700000000000000:" + UUID_TEXT + ":extra",
        "1:1700000000000000:" + UUID_TEXT + ":",
    })
    void aWrongVersionTimeUuidOrShapeIsInvalid(String raw) {
        assertInvalid(base64(raw));
    }

    @Test
    void nonAsciiBytesAreInvalid() {
        assertInvalid(Base64.getUrlEncoder().encodeToString(new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1, '1', ':'}));
    }

    @Test
    void aHugeInputIsInvalid() {
        assertInvalid("A".repeat(100_000));
        assertInvalid(base64("1:" + "9".repeat(10_000) + ":" + UUID_TEXT));
    }
}
