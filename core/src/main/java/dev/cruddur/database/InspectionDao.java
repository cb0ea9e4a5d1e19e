package dev.cruddur.database;

import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.locator.UseClasspathSqlLocator;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** What operators look at: {@code resources/dev/cruddur/database/InspectionDao/<method>.sql}. */
@UseClasspathSqlLocator
public interface InspectionDao {

    @SqlQuery
    @RegisterConstructorMapper(RowCounts.class)
    RowCounts rowCounts();

    @SqlQuery
    @RegisterConstructorMapper(DatabaseSession.class)
    List<DatabaseSession> sessions();
}
