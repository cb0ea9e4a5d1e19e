package dev.cruddur.activity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cruddur.error.ValidationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** The rules of a term; what a term finds in the database is in {@link ActivityFeedsTest}. */
class SearchTermTest {

    private static void assertCode(String term, String code) {
        assertThatThrownBy(() -> new SearchTerm(term)).isInstanceOfSatisfying(ValidationException.class, e -> {
            assertThat(e.violations()).hasSize(1);
            assertThat(e.violations().get(0).code()).isEqualTo(code);
            assertThat(e.violations().get(0).field()).isEqualTo("term");
        });
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" ", "\t\n ", "\u3000"})
    void blankIsTermBlank(String term) {
        assertCode(term, "term_blank");
    }

    @Test
    void aHundredCodePointsAreFineAndOneMoreIsTooMany() {
        assertThat(new SearchTerm("😀".repeat(100)).text()).hasSize(200);
        assertThat(new SearchTerm("a".repeat(100)).text()).hasSize(100);
        assertThat(new SearchTerm("  " + "a".repeat(100) + "  ").text()).isEqualTo("a".repeat(100));

        assertCode("😀".repeat(101), "term_exceed_max_chars");
        assertCode("a".repeat(101), "term_exceed_max_chars");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\u0000", "java\u0000", "lone \uD800", "lone \uDFFF low", "\uDC00\uD800"})
    void nulOrLoneSurrogateIsTermInvalid(String term) {
        assertCode(term, "term_invalid");
    }

    @Test
    void aTermThatIsOneAsciiHashtagIsReadFromTheHashtagTable() {
        assertThat(new SearchTerm("#Java").hashtag()).contains("Java");
        assertThat(new SearchTerm("  #snake_case_2 ").hashtag()).contains("snake_case_2");
    }

    @ParameterizedTest
    @ValueSource(strings = {"java", "#", "##java", "#java!", "#java rocks", "#a #b", "java#", "#café", "#日本", "# java"})
    void anyOtherTermIsNotAHashtag(String term) {
        assertThat(new SearchTerm(term).hashtag()).isEmpty();
    }

    @Test
    void surroundingWhitespaceIsStripped() {
        assertThat(new SearchTerm("  #Java \n").text()).isEqualTo("#Java");
    }

    @Test
    void thePatternTakesEveryPunctuationCharacterLiterally() {
        assertThat(new SearchTerm("c++").pattern()).isEqualTo("(^|[^[:alnum:]_])c\\+\\+($|[^[:alnum:]_])");
        assertThat(new SearchTerm("#java").pattern()).isEqualTo("(^|[^[:alnum:]_])\\#java($|[^[:alnum:]_])");
        assertThat(new SearchTerm("a.*b [x] (y) \\z").pattern())
                .isEqualTo("(^|[^[:alnum:]_])a\\.\\*b \\[x\\] \\(y\\) \\\\z($|[^[:alnum:]_])");
    }

    @Test
    void theContainsPatternTakesLikesWildcardsAndItsEscapeLiterally() {
        assertThat(new SearchTerm("50% off_a\\b").containsPattern()).isEqualTo("%50\\% off\\_a\\\\b%");
        assertThat(new SearchTerm(" Köln ").containsPattern()).isEqualTo("%Köln%");
    }
}
