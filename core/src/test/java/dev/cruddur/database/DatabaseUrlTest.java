package dev.cruddur.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class DatabaseUrlTest {

    /** Each form people paste, and the JDBC URL, user and password it comes to (null: none). */
    static Stream<Arguments> forms() {
        return Stream.of(
                // the form RDS and most hosts print
                Arguments.of("postgresql://cruddur:s3cret@db.example.com:5432/cruddur",
                        "jdbc:postgresql://db.example.com:5432/cruddur", "cruddur", "s3cret"),
                // its shorthand scheme
                Arguments.of("postgres://cruddur:s3cret@db.example.com:6543/app",
                        "jdbc:postgresql://db.example.com:6543/app", "cruddur", "s3cret"),
                // the JDBC form, kept as it is once trimmed
                Arguments.of("  jdbc:postgresql://localhost:5432/cruddur?user=app&sslmode=disable ",
                        "jdbc:postgresql://localhost:5432/cruddur?user=app&sslmode=disable", null, null),
                // without credentials or port, both are left out
                Arguments.of("postgresql://localhost/cruddur", "jdbc:postgresql://localhost/cruddur", null, null),
                // a user without a password
                Arguments.of("postgresql://postgres@127.0.0.1:5432/postgres",
                        "jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", null),
                // an IPv6 host
                Arguments.of("postgresql://u:pw@[::1]:5432/cruddur",
                        "jdbc:postgresql://[::1]:5432/cruddur", "u", "pw"),
                // percent-encoded user and password; '+' is a plus in a URL's user info, not a space
                // (that is a form-encoding rule)
                Arguments.of("postgresql://app%2Buser:p%40ss%3Aw%2Fo+rd%25@host:5432/db",
                        "jdbc:postgresql://host:5432/db", "app+user", "p@ss:w/o+rd%"),
                // the simplest encoded character, an at sign
                Arguments.of("postgresql://u:p%40ss@h/db", "jdbc:postgresql://h/db", "u", "p@ss"),
                // query parameters are kept
                Arguments.of("postgresql://u:pw@rds.amazonaws.com:5432/cruddur?sslmode=require&connectTimeout=5",
                        "jdbc:postgresql://rds.amazonaws.com:5432/cruddur?sslmode=require&connectTimeout=5", "u", "pw"),
                // a password parameter wins over the user info, as in pgjdbc, and leaves the URL
                Arguments.of("postgresql://u:old@db.example.com/cruddur?password=new+one",
                        "jdbc:postgresql://db.example.com/cruddur", "u", "new one"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("forms")
    void parsesEachForm(String input, String jdbcUrl, String user, String password) {
        DatabaseUrl url = DatabaseUrl.parse(input);

        assertThat(url.jdbcUrl()).isEqualTo(jdbcUrl);
        assertThat(url.user()).isEqualTo(user);
        assertThat(url.password()).isEqualTo(password);
    }

    /** Each way a URL can be unusable: the message says which, and never holds the password. */
    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
        no host          | postgresql://u:TopSecret42@/cruddur
        no host          | postgresql://u:TopSecret42@:5432/cruddur
        no database name | postgresql://u:TopSecret42@localhost:5432
        no database name | postgresql://u:TopSecret42@localhost:5432/
        no database name | postgresql://u:TopSecret42@localhost:5432/?sslmode=require
        unknown scheme   | mysql://u:TopSecret42@localhost:3306/cruddur
        unknown scheme   | jdbc:mysql://localhost/cruddur?password=TopSecret42
        unknown scheme   | localhost:5432/cruddur?password=TopSecret42
        unknown scheme   | ''
        malformed URL    | postgresql://u:Top Secret42%zz@localhost/cruddur
        """)
    void rejectsAnUnusableUrlWithoutQuotingThePassword(String why, String input) {
        assertThatThrownBy(() -> DatabaseUrl.parse(input))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(why)
                .message().doesNotContain("Secret42");
    }

    @Test
    void toStringNeverShowsThePassword() {
        DatabaseUrl url = DatabaseUrl.parse("postgresql://cruddur:TopSecret42@db.example.com:5432/cruddur");

        assertThat(url.toString())
                .isEqualTo("jdbc:postgresql://db.example.com:5432/cruddur (user cruddur)")
                .doesNotContain("TopSecret42");
    }

    @Test
    void aPasswordInsideAJdbcQueryStringLeavesTheUrl() {
        // pgjdbc logs the URL it connects with; the password goes as a property instead.
        DatabaseUrl url = DatabaseUrl.parse(
                "jdbc:postgresql://localhost:5432/cruddur?user=app&password=Top%2FSecret42&sslmode=require");

        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost:5432/cruddur?user=app&sslmode=require");
        assertThat(url.password()).isEqualTo("Top/Secret42");
        assertThat(url.toString()).doesNotContain("Secret42");
    }

    @Test
    void aBadlyEncodedPasswordParameterIsRefusedWithoutQuotingIt() {
        assertThatThrownBy(() -> DatabaseUrl.parse("jdbc:postgresql://localhost/cruddur?password=TopSecret42%zz"))
                .isInstanceOf(IllegalArgumentException.class)
                .message().doesNotContain("TopSecret42");
    }

    @Test
    void toStringMasksAPasswordParameterWhateverItsCase() {
        DatabaseUrl url = DatabaseUrl.parse("postgresql://u@localhost/cruddur?sslmode=require&PASSWORD=TopSecret42");

        assertThat(url.toString()).doesNotContain("TopSecret42").contains("PASSWORD=***");
    }

    @Test
    void withDatabaseKeepsServerCredentialsAndParameters() {
        DatabaseUrl url = DatabaseUrl.parse("postgresql://u:pw@[::1]:5433/postgres?sslmode=require");

        DatabaseUrl other = url.withDatabase("cruddur_test");

        assertThat(other.jdbcUrl()).isEqualTo("jdbc:postgresql://[::1]:5433/cruddur_test?sslmode=require");
        assertThat(other.user()).isEqualTo("u");
        assertThat(other.password()).isEqualTo("pw");
    }

    @Test
    void withDatabaseOnAUrlWithoutParameters() {
        assertThat(DatabaseUrl.parse("jdbc:postgresql://localhost:5432/postgres").withDatabase("other").jdbcUrl())
                .isEqualTo("jdbc:postgresql://localhost:5432/other");
    }

    @Test
    void fromEnvironmentPrefersDatabaseUrl() {
        Optional<DatabaseUrl> url = DatabaseUrl.fromEnvironment(Map.of(
                "DATABASE_URL", "postgresql://a:pa@first.example.com/one",
                "CONNECTION_URL", "postgresql://b:pb@second.example.com/two"));

        assertThat(url).hasValueSatisfying(u -> {
            assertThat(u.jdbcUrl()).isEqualTo("jdbc:postgresql://first.example.com/one?sslmode=require");
            assertThat(u.user()).isEqualTo("a");
        });
    }

    @Test
    void fromEnvironmentFallsBackToConnectionUrl() {
        Optional<DatabaseUrl> url = DatabaseUrl.fromEnvironment(Map.of(
                "CONNECTION_URL", "postgresql://b:pb@second.example.com/two"));

        assertThat(url.map(DatabaseUrl::jdbcUrl)).contains("jdbc:postgresql://second.example.com/two?sslmode=require");
    }

    @Test
    void fromEnvironmentSkipsABlankDatabaseUrl() {
        Optional<DatabaseUrl> url = DatabaseUrl.fromEnvironment(Map.of(
                "DATABASE_URL", "  ",
                "CONNECTION_URL", "postgresql://b:pb@second.example.com/two"));

        assertThat(url.map(DatabaseUrl::jdbcUrl)).contains("jdbc:postgresql://second.example.com/two?sslmode=require");
    }

    @Test
    void fromEnvironmentIsEmptyWhenNeitherIsSetOrBothAreBlank() {
        assertThat(DatabaseUrl.fromEnvironment(Map.of())).isEmpty();
        assertThat(DatabaseUrl.fromEnvironment(Map.of("DATABASE_URL", "", "CONNECTION_URL", " \t"))).isEmpty();
        assertThat(DatabaseUrl.fromEnvironment(Map.of("PGHOST", "localhost"))).isEmpty();
    }

    @Test
    void fromEnvironmentNamesTheBadVariableWithoutQuotingThePassword() {
        assertThatThrownBy(() -> DatabaseUrl.fromEnvironment(Map.of("CONNECTION_URL", "postgresql://u:TopSecret42@/db")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("CONNECTION_URL is not usable: no host")
                .message().doesNotContain("TopSecret42");
    }
}
