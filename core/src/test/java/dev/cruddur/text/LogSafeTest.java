package dev.cruddur.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class LogSafeTest {

    @Test
    void controlAndFormatCharactersAreWrittenOutAsEscapes() {
        assertThat(LogSafe.text("\u001B[1A\u001B[2K\rConfirmation code for x@example.com: 123456\u0007"))
                .isEqualTo("\\u001B[1A\\u001B[2K\\u000DConfirmation code for x@example.com: 123456\\u0007");
        assertThat(LogSafe.text("a\nb\u2028c\u2029d\u0085e\u009Bf")).isEqualTo("a\\u000Ab\\u2028c\\u2029d\\u0085e\\u009Bf");
        assertThat(LogSafe.text("moc.elpmaxe@\u202Eevil\u200B\uFEFF")).isEqualTo("moc.elpmaxe@\\u202Eevil\\u200B\\uFEFF");
        // Beyond the BMP (a tag character), and a lone surrogate.
        assertThat(LogSafe.text("x\uDB40\uDC41y\uD800z")).isEqualTo("x\\u{E0041}y\\uD800z");
    }

    @Test
    void aBackslashIsDoubledSoAnEscapeInTheLogAlwaysMeansAnEscapedCharacter() {
        assertThat(LogSafe.text("C:\\u001B")).isEqualTo("C:\\\\u001B");
    }

    @Test
    void ordinaryTextIsLeftAsItIs() {
        String text = "Ada Lovelace <ada@example.com> 😀 \uD83D\uDC69\u200D\uD83D\uDC67 مرحبا /api/activities?x=%1B";
        assertThat(LogSafe.text(text)).isEqualTo(text.replace("\u200D", "\\u200D"));
        assertThat(LogSafe.text("plain")).isSameAs("plain");
        assertThat(LogSafe.text(null)).isEqualTo("null");
    }

    @Test
    void aThrowableKeepsItsTypeTraceAndCausesWithItsMessagesEscaped() {
        IllegalStateException cause = new IllegalStateException("inner \u001B[31mred");
        RuntimeException failure = new RuntimeException("outer \r\nforged line", cause);
        failure.addSuppressed(new IllegalArgumentException("suppressed \u0007"));

        Throwable safe = LogSafe.throwable(failure);
        StringWriter printed = new StringWriter();
        safe.printStackTrace(new PrintWriter(printed));

        assertThat(safe.toString()).isEqualTo("java.lang.RuntimeException: outer \\u000D\\u000Aforged line");
        assertThat(safe.getStackTrace()).isEqualTo(failure.getStackTrace());
        assertThat(safe.getCause().toString()).isEqualTo("java.lang.IllegalStateException: inner \\u001B[31mred");
        assertThat(safe.getSuppressed()[0].toString()).isEqualTo("java.lang.IllegalArgumentException: suppressed \\u0007");
        assertThat(printed.toString()).contains("at dev.cruddur.text.LogSafeTest")
                .doesNotContain("\u001B").doesNotContain("\u0007").doesNotContain("\r");
    }

    @Test
    void aCauseChainThatLoopsEnds() {
        RuntimeException a = new RuntimeException("a");
        RuntimeException b = new RuntimeException("b", a);
        a.initCause(b);

        Throwable safe = LogSafe.throwable(a);

        assertThat(safe.getCause().toString()).isEqualTo("java.lang.RuntimeException: b");
        assertThat(safe.getCause().getCause()).isNull();
    }
}
