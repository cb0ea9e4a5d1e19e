package dev.cruddur.activity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cruddur.error.ValidationException;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PageRequestTest {

    private static void assertCode(Runnable action, String code, String field) {
        assertThatThrownBy(action::run).isInstanceOfSatisfying(ValidationException.class, e -> {
            assertThat(e.violations()).hasSize(1);
            assertThat(e.violations().get(0).code()).isEqualTo(code);
            assertThat(e.violations().get(0).field()).isEqualTo(field);
        });
    }

    @Test
    void nothingGivenIsTheFirstPageOfTwenty() {
        PageRequest request = PageRequest.parse(null, null);

        assertThat(request.limit()).isEqualTo(20).isEqualTo(PageRequest.DEFAULT_LIMIT);
        assertThat(request.cursor()).isEqualTo(Cursor.START);
        assertThat(request).isEqualTo(PageRequest.first());
    }

    @Test
    void anEmptyCursorIsTheFirstPage() {
        assertThat(PageRequest.parse("5", "").cursor()).isEqualTo(Cursor.START);
    }

    @Test
    void limitsFromOneToAHundredAreFine() {
        assertThat(PageRequest.parse("1", null).limit()).isEqualTo(1);
        assertThat(PageRequest.parse("37", null).limit()).isEqualTo(37);
        assertThat(PageRequest.parse("100", null).limit()).isEqualTo(100).isEqualTo(PageRequest.MAX_LIMIT);
        assertThat(PageRequest.parse(" 100 ", null).limit()).isEqualTo(100);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "101", "abc", "99999999999999999999", "2147483648", "-2147483648",
        "", " ", "1.5", "0x10", "1e2", "10 0"})
    void anythingElseIsLimitInvalid(String limit) {
        assertCode(() -> PageRequest.parse(limit, null), "limit_invalid", "limit");
    }

    @Test
    void theConstructorChecksTheLimitToo() {
        assertCode(() -> new PageRequest(0, Cursor.START), "limit_invalid", "limit");
        assertCode(() -> new PageRequest(101, Cursor.START), "limit_invalid", "limit");
        assertCode(() -> PageRequest.first(-5), "limit_invalid", "limit");
        assertThat(new PageRequest(7, null).cursor()).isEqualTo(Cursor.START);
    }

    @Test
    void decodesTheCursor() {
        Cursor cursor = new Cursor(Instant.parse("2026-11-24T19:06:26.000001Z"), UUID.randomUUID());

        PageRequest request = PageRequest.parse("10", cursor.encode());

        assertThat(request.limit()).isEqualTo(10);
        assertThat(request.cursor()).isEqualTo(cursor);
    }

    @Test
    void aBadCursorIsCursorInvalid() {
        assertCode(() -> PageRequest.parse("10", "garbage"), "cursor_invalid", "cursor");
        assertCode(() -> PageRequest.parse(null, "!!"), "cursor_invalid", "cursor");
    }
}
