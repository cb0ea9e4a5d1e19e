package dev.cruddur.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class TriggerFailedExceptionTest {

    private static final String SECRET_DETAIL = "Failing row contains (alice@example.com, password=hunter2)";

    @Test
    void anUnreachableDatabaseIsNamedByItsSqlStateAlone() {
        RuntimeException failure = new IllegalStateException(SECRET_DETAIL, new SQLException(SECRET_DETAIL, "08006"));

        TriggerFailedException e = TriggerFailedException.of("save your account", failure);

        assertThat(e).hasMessage("Could not save your account (the database is unreachable, SQLState 08006); please try again.")
                .hasNoCause();
        assertThat(e.sqlState()).isEqualTo("08006");
    }

    @Test
    void otherDatabaseErrorsToo() {
        TriggerFailedException e = TriggerFailedException.of("save your account",
                new RuntimeException(SECRET_DETAIL, new SQLException(SECRET_DETAIL, "23514")));

        assertThat(e).hasMessage("Could not save your account (database error, SQLState 23514); please try again.");
    }

    @Test
    void withoutAnSqlExceptionItIsAnInternalError() {
        TriggerFailedException e = TriggerFailedException.of("check the username", new NullPointerException(SECRET_DETAIL));

        assertThat(e).hasMessage("Could not check the username (internal error); please try again.");
        assertThat(e.sqlState()).isNull();
    }

    @Test
    void theDescriptionForTheLogNamesClassesAndStatesButNoMessages() {
        RuntimeException failure = new IllegalStateException(SECRET_DETAIL, new SQLException(SECRET_DETAIL, "23514"));

        assertThat(TriggerFailedException.describe(failure)).isEqualTo("IllegalStateException <- SQLException(23514)");
    }
}
