package dev.cruddur.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DatabaseUrlTest {

    @Test
    void parsesThePostgresqlForm() {
        DatabaseUrl url = DatabaseUrl.parse("postgresql://cruddur:s3cret@db.example.com:5432/cruddur");

        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example.com:5432/cruddur");
        assertThat(url.user()).isEqualTo("cruddur");
        assertThat(url.password()).isEqualTo("s3cret");
    }

    @Test
    void parsesThePostgresShorthandScheme() {
        DatabaseUrl url = DatabaseUrl.parse("postgres://cruddur:s3cret@db.example.com:6543/app");

        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example.com:6543/app");
        assertThat(url.user()).isEqualTo("cruddur");
        assertThat(url.password()).isEqualTo("s3cret");
    }

    @Test
    void keepsTheJdbcFormAsItIs() {
        DatabaseUrl url = DatabaseUrl.parse("  jdbc:postgresql://localhost:5432/cruddur?user=app&sslmode=disable ");

        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost:5432/cruddur?user=app&sslmode=disable");
        assertThat(url.user()).isNull();
        assertThat(url.password()).isNull();
    }

    @Test
    void withoutCredentialsOrPortLeavesThemOut() {
        DatabaseUrl url = DatabaseUrl.parse("postgresql://localhost/cruddur");

        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost/cruddur");
        assertThat(url.user()).isNull();
        assertThat(url.password()).isNull();
    }

    @Test
    void userWithoutPasswordHasNoPassword() {
        DatabaseUrl url = DatabaseUrl.parse("postgresql://postgres@127.0.0.1:5432/postgres");

        assertThat(url.user()).isEqualTo("postgres");
        assertThat(url.password()).isNull();
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:5432/postgres");
    }

    @Test
    void decodesPercentEncodedUserAndPassword() {
        DatabaseUrl url = DatabaseUrl.parse("postgresql://app%2Buser:p%40ss%3Aw%2Fo+rd%25@host:5432/db");

        assertThat(url.user()).isEqualTo("app+user");
        // '+' is a plus in a URL's user info, not a space (that is a form-encoding rule).
        assertThat(url.password()).isEqualTo("p@ss:w/o+rd%");
    }

    @Test
    void decodesTheSimplestEncodedAt() {
        assertThat(DatabaseUrl.parse("postgresql://u:p%40ss@h/db").password()).isEqualTo("p@ss");
    }

    @Test
    void keepsQueryParameters() {
        DatabaseUrl url = DatabaseUrl.parse("postgresql://u:pw@rds.amazonaws.com:5432/cruddur?sslmode=require&connectTimeout=5");

        assertThat(url.jdbcUrl())
                .isEqualTo("jdbc:postgresql://rds.amazonaws.com:5432/cruddur?sslmode=require&connectTimeout=5");
    }

    @Test
    void acceptsAnIpv6Host() {
        DatabaseUrl url = DatabaseUrl.parse("postgresql://u:pw@[::1]:5432/cruddur");

        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://[::1]:5432/cruddur");
        assertThat(url.user()).isEqualTo("u");
        assertThat(url.password()).isEqualTo("pw");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "postgresql://u:TopSecret42@/cruddur",
        "postgresql://u:TopSecret42@:5432/cruddur",
    })
    void rejectsAMissingHostWithoutQuotingThePassword(String input) {
        assertThatThrownBy(() -> DatabaseUrl.parse(input))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("no host")
                .message().doesNotContain("TopSecret42");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "postgresql://u:TopSecret42@localhost:5432",
        "postgresql://u:TopSecret42@localhost:5432/",
        "postgresql://u:TopSecret42@localhost:5432/?sslmode=require",
    })
    void rejectsAMissingDatabaseWithoutQuotingThePassword(String input) {
        assertThatThrownBy(() -> DatabaseUrl.parse(input))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("no database name")
                .message().doesNotContain("TopSecret42");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "mysql://u:TopSecret42@localhost:3306/cruddur",
        "jdbc:mysql://localhost/cruddur?password=TopSecret42",
        "localhost:5432/cruddur?password=TopSecret42",
        "",
    })
    void rejectsAnUnknownSchemeWithoutQuotingThePassword(String input) {
        assertThatThrownBy(() -> DatabaseUrl.parse(input))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("unknown scheme")
                .message().doesNotContain("TopSecret42");
    }

    @Test
    void rejectsAMalformedUrlWithoutQuotingThePassword() {
        assertThatThrownBy(() -> DatabaseUrl.parse("postgresql://u:Top Secret42%zz@localhost/cruddur"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("malformed URL")
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
    void aPasswordParameterWinsOverTheUserInfoAsInPgjdbc() {
        DatabaseUrl url = DatabaseUrl.parse("postgresql://u:old@db.example.com/cruddur?password=new+one");

        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example.com/cruddur");
        assertThat(url.password()).isEqualTo("new one");
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
