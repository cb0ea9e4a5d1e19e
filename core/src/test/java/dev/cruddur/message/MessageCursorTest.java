package dev.cruddur.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cruddur.activity.Cursor;
import dev.cruddur.error.ValidationException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A conversation's cursor round-trips, and nothing it did not produce is taken for one. */
class MessageCursorTest {

    @Test
    void roundTripsAndAbsentIsTheStart() {
        for (long seq : List.of(1L, 2L, 1_000_000L, Long.MAX_VALUE - 1)) {
            assertThat(MessageCursor.parse(new MessageCursor(seq).encode())).isEqualTo(new MessageCursor(seq));
        }
        assertThat(MessageCursor.parse(null)).isEqualTo(MessageCursor.START);
        assertThat(MessageCursor.parse("")).isEqualTo(MessageCursor.START);
        assertThat(MessageCursor.START.isStart()).isTrue();
        assertThat(new MessageCursor(5).isStart()).isFalse();
    }

    @Test
    void anythingElseIsCursorInvalid() {
        String feedCursor = new Cursor(Instant.parse("2026-12-07T00:00:00Z"), UUID.randomUUID()).encode();
        for (String forged : List.of("zzz", "%%%", feedCursor, b64("m1:0"), b64("m1:-1"), b64("m1:+5"), b64("m1: 5"),
                b64("m2:5"), b64("m1:5:6"), b64("m1:"), b64("m1:99999999999999999999"), b64("m1:9223372036854775808"),
                b64("m1:٣"), b64("m1:0x10"), b64("m1:5\u0000"))) {
            assertThatThrownBy(() -> MessageCursor.parse(forged)).as(forged)
                    .isInstanceOfSatisfying(ValidationException.class,
                            e -> assertThat(e.violations().get(0).code()).isEqualTo("cursor_invalid"));
        }
    }

    private static String b64(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
