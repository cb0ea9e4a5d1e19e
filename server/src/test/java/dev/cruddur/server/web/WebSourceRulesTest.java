package dev.cruddur.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The web app's sources keep to the rules that let it run under a strict Content-Security-Policy
 * ({@code script-src 'self'}, no inline styles) and that keep user text out of the markup.
 */
class WebSourceRulesTest {

    private static final Path WEB = Path.of("src", "main", "resources", "web");

    @Test
    void theHtmlHasNoInlineScriptsStylesOrHandlers() throws IOException {
        String html = Files.readString(WEB.resolve("index.html"), StandardCharsets.UTF_8);

        assertThat(Pattern.compile("<script(?![^>]*\\bsrc=)[^>]*>").matcher(html).find()).as("inline <script>").isFalse();
        assertThat(html).doesNotContain("<style").doesNotContain("style=");
        assertThat(Pattern.compile("\\son[a-z]+\\s*=", Pattern.CASE_INSENSITIVE).matcher(html).find()).as("on* handler").isFalse();
    }

    @Test
    void theScriptsNeverWriteMarkupOrStyles() throws IOException {
        List<Path> scripts;
        try (Stream<Path> files = Files.walk(WEB.resolve("js"))) {
            scripts = files.filter(file -> file.toString().endsWith(".js")).toList();
        }
        assertThat(scripts).hasSizeGreaterThan(10);
        for (Path script : scripts) {
            String code = Files.readString(script, StandardCharsets.UTF_8).replaceAll("(?m)^\\s*//.*$", "");
            assertThat(code).as(script.toString())
                    .doesNotContain("innerHTML").doesNotContain("outerHTML").doesNotContain("insertAdjacentHTML")
                    .doesNotContain("document.write").doesNotContain("eval(").doesNotContain("new Function")
                    .doesNotContain(".style.").doesNotContain("'style'").doesNotContain("setTimeout('");
        }
    }
}
