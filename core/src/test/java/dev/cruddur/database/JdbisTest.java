package dev.cruddur.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.cruddur.testing.TestDatabase;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementException;
import org.junit.jupiter.api.Test;

class JdbisTest {

    @Test
    void aFailedStatementNamesItsSqlButNoneOfItsValues() {
        try (TestDatabase db = TestDatabase.migrated()) {
            Jdbi jdbi = Jdbis.create(db.dataSource());
            String secret = "$2a$10$secret-hash-that-must-not-be-logged";

            Throwable failure = catchThrowable(() -> jdbi.useHandle(h -> h.createUpdate(
                            "INSERT INTO users (display_name, handle, email) VALUES (:name, :handle, :email)")
                    .bind("name", secret)
                    .bind("handle", "not a valid handle")
                    .bind("email", secret)
                    .execute()));

            assertThat(failure).isInstanceOf(StatementException.class);
            assertThat(failure.getMessage())
                    .contains("users_handle_format")
                    .contains("INSERT INTO users (display_name, handle, email) VALUES (:name, :handle, :email)")
                    .doesNotContain(secret);
        }
    }
}
