package dev.cruddur.database;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.config.JdbiConfig;
import org.jdbi.v3.core.extension.ExtensionMethod;
import org.jdbi.v3.core.statement.SqlLogger;
import org.jdbi.v3.core.statement.SqlStatements;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Which {@link StatementObserver} a {@link Jdbi}'s statements are told to: part of its
 * configuration, so every handle opened from it carries the observer, and
 * {@link DirectStatement} finds it on the handle it runs on.
 *
 * <p>JDBI's own statements are named by the SQL object method that runs them ({@code
 * AccountDao.findByEmail}, the name of its {@code .sql} file); a statement made by hand
 * ({@code handle.createQuery}) has no name and is not observed.
 */
public final class StatementObservers implements JdbiConfig<StatementObservers> {

    private StatementObserver observer = StatementObserver.NONE;

    public StatementObservers() {
    }

    private StatementObservers(StatementObservers other) {
        this.observer = other.observer;
    }

    /** From now on, every statement of handles opened from {@code jdbi} is told to {@code observer}. */
    public static void observe(Jdbi jdbi, StatementObserver observer) {
        jdbi.getConfig(StatementObservers.class).observer = observer;
        jdbi.getConfig(SqlStatements.class).setSqlLogger(new NamedStatements(observer));
    }

    StatementObserver observer() {
        return observer;
    }

    @Override
    public StatementObservers createCopy() {
        return new StatementObservers(this);
    }

    /** Tells the observer of the JDBI statements that have a name. */
    private static final class NamedStatements implements SqlLogger {

        private final StatementObserver observer;
        /** A statement context lives from before its execution to after it, on one thread. */
        private final Map<StatementContext, StatementObserver.Running> running = new ConcurrentHashMap<>();

        NamedStatements(StatementObserver observer) {
            this.observer = observer;
        }

        @Override
        public void logBeforeExecution(StatementContext context) {
            ExtensionMethod method = context.getExtensionMethod();
            if (method != null) {
                running.put(context, observer.started(
                        method.getType().getSimpleName() + "." + method.getMethod().getName()));
            }
        }

        @Override
        public void logAfterExecution(StatementContext context) {
            StatementObserver.Running statement = running.remove(context);
            if (statement != null) {
                statement.close();
            }
        }

        @Override
        public void logException(StatementContext context, java.sql.SQLException e) {
            StatementObserver.Running statement = running.remove(context);
            if (statement != null) {
                statement.failed(e);
                statement.close();
            }
        }
    }
}
