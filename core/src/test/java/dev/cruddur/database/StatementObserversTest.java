package dev.cruddur.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cruddur.testing.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The observer hears of each named statement, by its name, and nothing of its values. */
class StatementObserversTest {

    @RegisterExtension
    static final TestDatabase db = TestDatabase.migrated();

    private final List<String> heard = new ArrayList<>();

    private StatementObserver recorder() {
        return name -> {
            heard.add("start " + name);
            return new StatementObserver.Running() {
                @Override
                public void failed(Exception e) {
                    heard.add("failed " + name);
                }

                @Override
                public void close() {
                    heard.add("end " + name);
                }
            };
        };
    }

    @Test
    void directStatementsAreHeardByTheirFilesName() {
        Jdbi jdbi = Jdbis.create(db.dataSource());
        StatementObservers.observe(jdbi, recorder());
        DirectStatement rowCounts = DirectStatement.fromFile(InspectionDao.class, "rowCounts");
        assertThat(rowCounts.name()).isEqualTo("InspectionDao.rowCounts");

        jdbi.useHandle(h -> rowCounts.list(h, DirectStatement.NO_ARGUMENTS, rs -> rs.getLong(1)));
        DirectStatement failing = DirectStatement.of("Test.divide", "SELECT 1 / :zero");
        assertThatThrownBy(() -> jdbi.useHandle(h -> failing.execute(h, a -> a.set("zero", 0))));

        assertThat(heard).containsExactly("start InspectionDao.rowCounts", "end InspectionDao.rowCounts",
                "start Test.divide", "failed Test.divide", "end Test.divide");
    }

    @Test
    void jdbiSqlObjectStatementsAreHeardByTheirMethodAndHandMadeOnesNot() {
        Jdbi jdbi = Jdbis.create(db.dataSource());
        StatementObservers.observe(jdbi, recorder());

        jdbi.useExtension(InspectionDao.class, InspectionDao::sessions);
        jdbi.useHandle(h -> h.createQuery("SELECT :secret").bind("secret", "hunter2").mapTo(String.class).one());

        assertThat(heard).containsExactly("start InspectionDao.sessions", "end InspectionDao.sessions");
    }

    @Test
    void aJdbiNotObservedTellsNobody() {
        Jdbi jdbi = Jdbis.create(db.dataSource());
        Jdbi observed = Jdbis.create(db.dataSource());
        StatementObservers.observe(observed, recorder());

        jdbi.useExtension(InspectionDao.class, InspectionDao::rowCounts);
        jdbi.useHandle(h -> DirectStatement.fromFile(InspectionDao.class, "rowCounts")
                .list(h, DirectStatement.NO_ARGUMENTS, rs -> rs.getLong(1)));

        assertThat(heard).isEmpty();
    }
}
