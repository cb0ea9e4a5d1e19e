package dev.cruddur.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.cruddur.testing.TestDatabase;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class DirectStatementTest {

    @RegisterExtension
    static final TestDatabase db = TestDatabase.migrated();
    private static final Jdbi jdbi = Jdbis.create(db.dataSource());

    @Test
    void eachTypeIsBoundAsItsColumnTypeAndANameUsedTwiceIsSetInBothPlaces() {
        UUID uuid = UUID.randomUUID();
        Instant instant = Instant.parse("2026-12-04T10:11:12.123456Z");
        DirectStatement statement = DirectStatement.of("""
                SELECT :uuid::uuid = :uuid AS same_uuid, pg_typeof(:uuid)::text AS uuid_type,
                       :at AS at, pg_typeof(:at)::text AS at_type,
                       :n + 1 AS n, :big * 2 AS big, :text || '!' AS text,
                       -- a comment with a :colon, and a cast: '1'::int
                       '1'::int AS one""");
        List<String> rows = jdbi.withHandle(h -> statement.list(h,
                a -> a.set("uuid", uuid).set("at", instant).set("n", 41).set("big", 3_000_000_000L).set("text", "hi"),
                rs -> rs.getBoolean("same_uuid") + " " + rs.getString("uuid_type") + " "
                        + rs.getObject("at", java.time.OffsetDateTime.class).toInstant() + " " + rs.getString("at_type") + " "
                        + rs.getInt("n") + " " + rs.getLong("big") + " " + rs.getString("text") + " " + rs.getInt("one")));
        assertThat(rows).containsExactly(
                "true uuid 2026-12-04T10:11:12.123456Z timestamp with time zone 42 6000000000 hi! 1");
    }

    @Test
    void findOneIsEmptyWithoutARowAndRefusesTwo() {
        DirectStatement upTo = DirectStatement.of("SELECT g FROM generate_series(1, :n) AS g");
        Optional<Integer> none = jdbi.withHandle(h -> upTo.findOne(h, a -> a.set("n", 0), rs -> rs.getInt(1)));
        Optional<Integer> one = jdbi.withHandle(h -> upTo.findOne(h, a -> a.set("n", 1), rs -> rs.getInt(1)));
        assertThat(none).isEmpty();
        assertThat(one).contains(1);
        assertThatThrownBy(() -> jdbi.withHandle(h -> upTo.findOne(h, a -> a.set("n", 2), rs -> rs.getInt(1))))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aMissingOrUnknownNameIsABugCaughtBeforeTheDatabaseIsAsked() {
        DirectStatement statement = DirectStatement.of("SELECT :a::int + :b::int");
        assertThatThrownBy(() -> jdbi.withHandle(h -> statement.list(h, a -> a.set("a", 1), rs -> rs.getInt(1))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(":b");
        assertThatThrownBy(() -> jdbi.withHandle(h -> statement.list(h, a -> a.set("a", 1).set("b", 2).set("c", 3),
                        rs -> rs.getInt(1))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(":c");
        assertThatThrownBy(() -> DirectStatement.of("SELECT ?")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aFailedStatementNamesItsSqlButNoneOfItsValuesAndKeepsTheDriversError() {
        String secret = "$2a$10$secret-hash-that-must-not-be-logged";
        DirectStatement insert = DirectStatement.of(
                "INSERT INTO users (display_name, handle, email) VALUES (:name, :handle, :email)");

        Throwable failure = catchThrowable(() -> jdbi.useHandle(h -> insert.execute(h,
                a -> a.set("name", secret).set("handle", "not a valid handle").set("email", secret))));

        assertThat(failure).isInstanceOf(StatementException.class);
        assertThat(failure.getMessage())
                .contains("users_handle_format")
                .contains("INSERT INTO users (display_name, handle, email) VALUES (:name, :handle, :email)")
                .doesNotContain(secret);
        assertThat(failure.getCause()).isInstanceOf(java.sql.SQLException.class);
        assertThat(((java.sql.SQLException) failure.getCause()).getSQLState()).isEqualTo("23514");
    }

    @Test
    void itRunsInTheHandlesTransaction() {
        DirectStatement insert = DirectStatement.of(
                "INSERT INTO users (display_name, handle, email) VALUES (:handle, :handle, :handle || '@example.com')");
        catchThrowable(() -> jdbi.useTransaction(h -> {
            insert.execute(h, a -> a.set("handle", "rolled_back"));
            throw new IllegalStateException("roll it back");
        }));
        long rows = jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM users WHERE handle = 'rolled_back'")
                .mapTo(Long.class).one());
        assertThat(rows).isZero();
    }
}
