package dev.cruddur.lambda;

import java.sql.SQLException;

/**
 * A trigger could not do its work for a reason other than the person's input. Cognito shows
 * the message to the app ({@code PostConfirmation failed with error …}), so it is short and
 * safe: no URL, password, SQL or personal data, and no cause attached, because the Lambda
 * runtime would print the cause's message (JDBI puts the statement and its arguments there).
 * The SQLState, kept in the message, is enough to tell an unreachable database (class 08) from
 * a broken schema or a wrong password.
 */
public final class TriggerFailedException extends RuntimeException {

    private final String sqlState;

    private TriggerFailedException(String message, String sqlState) {
        super(message);
        this.sqlState = sqlState;
    }

    /**
     * @param action what the trigger was doing, completing "Could not …", e.g. "save your account"
     */
    public static TriggerFailedException of(String action, Throwable failure) {
        String sqlState = sqlState(failure);
        String reason;
        if (sqlState == null && causedBy(failure, DatabaseSecretException.class)) {
            reason = "the database credentials could not be read";
        } else if (sqlState == null) {
            // no SQL exception anywhere among the causes: a bug here, not the database
            reason = "internal error";
        } else if (sqlState.startsWith("08")) {
            reason = "the database is unreachable, SQLState " + sqlState;
        } else {
            reason = "database error, SQLState " + sqlState;
        }
        return new TriggerFailedException("Could not " + action + " (" + reason + "); please try again.", sqlState);
    }

    /** The SQLState of the first SQL exception among the causes, if any. */
    public String sqlState() {
        return sqlState;
    }

    /**
     * The classes of the failure and its causes, e.g. {@code ConnectionException <- PSQLException(08001)
     * <- ConnectException}: what an operator needs, without any message that might carry data.
     */
    public static String describe(Throwable failure) {
        StringBuilder chain = new StringBuilder();
        for (Throwable t = failure; t != null && chain.length() < 500; t = t.getCause() == t ? null : t.getCause()) {
            if (chain.length() > 0) {
                chain.append(" <- ");
            }
            chain.append(t.getClass().getSimpleName());
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                chain.append('(').append(sql.getSQLState()).append(')');
            } else if (t instanceof DatabaseSecretException secret) {
                // written for this log line: what the extension answered, never the secret's value
                chain.append('(').append(secret.getMessage()).append(')');
            }
        }
        return chain.toString();
    }

    private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static String sqlState(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return null;
    }
}
