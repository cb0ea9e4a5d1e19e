package dev.cruddur.database;

/**
 * Told when a named statement starts and ends, so the server can trace its statements without
 * core knowing how. It is given the statement's name (its {@code .sql} file's, such as
 * {@code ActivityDao.homeFeed}) and never its values.
 */
@FunctionalInterface
public interface StatementObserver {

    /** Watches nothing: what every {@link org.jdbi.v3.core.Jdbi} starts with. */
    StatementObserver NONE = name -> Running.NOTHING;

    /** A statement is about to run; the answer is told when it has ended. */
    Running started(String statementName);

    /** One statement, running. */
    interface Running extends AutoCloseable {

        /** What {@link #NONE} answers: nothing to tell. */
        Running NOTHING = new Running() {
            @Override
            public void failed(Exception e) {
            }

            @Override
            public void close() {
            }
        };

        /** It failed with {@code e} (its message may quote the statement, never the values). */
        void failed(Exception e);

        /** It has ended, failed or not. */
        @Override
        void close();
    }
}
