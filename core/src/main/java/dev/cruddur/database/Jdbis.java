package dev.cruddur.database;

import javax.sql.DataSource;
import org.jdbi.v3.core.ConnectionFactory;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.StatementException;
import org.jdbi.v3.core.statement.StatementExceptions;
import org.jdbi.v3.postgres.PostgresPlugin;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;

/** The one way Cruddur configures JDBI. */
public final class Jdbis {

    private Jdbis() {
    }

    /** Over a pool: the server and the command line. */
    public static Jdbi create(DataSource dataSource) {
        return configure(Jdbi.create(dataSource));
    }

    /** Over a factory that decides itself what "closing" a connection means (the Lambda reuses one). */
    public static Jdbi create(ConnectionFactory connections) {
        return configure(Jdbi.create(connections));
    }

    private static Jdbi configure(Jdbi jdbi) {
        jdbi.installPlugin(new SqlObjectPlugin()).installPlugin(new PostgresPlugin());
        // JDBI's default exception message lists every bound value, and some values are secrets
        // (the development identity provider's password and code hashes) or personal data; a
        // failed statement ends up in the log. The statement alone is enough to debug with.
        jdbi.getConfig(StatementExceptions.class).setMessageRendering(Jdbis::statementWithoutValues);
        return jdbi;
    }

    private static String statementWithoutValues(StatementException e) {
        StatementContext context = e.getStatementContext();
        String sql = context == null ? null : context.getRenderedSql();
        String cause = e.getCause() == null ? "" : String.valueOf(e.getCause().getMessage());
        return sql == null ? cause : cause + " [statement: \"" + sql.strip().replaceAll("\\s+", " ") + "\"]";
    }
}
