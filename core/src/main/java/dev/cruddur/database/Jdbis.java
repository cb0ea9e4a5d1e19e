package dev.cruddur.database;

import javax.sql.DataSource;
import org.jdbi.v3.core.ConnectionFactory;
import org.jdbi.v3.core.Jdbi;
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
        return jdbi.installPlugin(new SqlObjectPlugin()).installPlugin(new PostgresPlugin());
    }
}
