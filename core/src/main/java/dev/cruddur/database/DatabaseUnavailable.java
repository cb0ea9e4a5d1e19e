package dev.cruddur.database;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.jdbi.v3.core.ConnectionException;

/**
 * Tells a failure of the database to serve a request right now (answered 503, worth a retry)
 * from a bug (answered 500).
 */
public final class DatabaseUnavailable {

    /** PostgreSQL cancelled the statement: it ran into the pool's statement timeout. */
    private static final String QUERY_CANCELED = "57014";

    private DatabaseUnavailable() {
    }

    /**
     * True when somewhere in the chain: no free connection within the pool's timeout, a failed
     * or lost connection (SQLState class 08, which includes a socket that stopped answering), the
     * server shutting down or not yet accepting (57P01-57P05), or a statement cancelled by its
     * timeout (57014).
     */
    public static boolean isCause(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ConnectionException || t instanceof SQLTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (state.startsWith("08") || state.startsWith("57P") || state.equals(QUERY_CANCELED)) {
                    return true;
                }
            }
        }
        return false;
    }
}
