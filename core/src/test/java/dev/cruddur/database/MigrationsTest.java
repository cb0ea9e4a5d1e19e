package dev.cruddur.database;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cruddur.testing.TestDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

class MigrationsTest {

    @Test
    void applyToAnEmptyDatabaseAndThenAreANoOp() {
        try (TestDatabase db = TestDatabase.empty()) {
            Flyway flyway = Flyway.configure().dataSource(db.dataSource()).locations("classpath:db/migration").load();
            assertThat(flyway.migrate().migrationsExecuted).isGreaterThanOrEqualTo(2);
            assertThat(flyway.migrate().migrationsExecuted).isZero();
            int tables = db.jdbi().withHandle(h -> h.createQuery(
                    "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public' AND table_name IN ('users', 'activities')")
                    .mapTo(Integer.class).one());
            assertThat(tables).isEqualTo(2);
        }
    }
}
