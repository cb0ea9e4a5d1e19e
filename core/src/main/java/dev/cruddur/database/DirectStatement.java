package dev.cruddur.database;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.locator.ClasspathSqlLocator;
import org.jdbi.v3.core.statement.ColonPrefixSqlParser;
import org.jdbi.v3.core.statement.ParsedSql;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * One SQL statement with {@code :named} parameters (JDBI's syntax), run straight on the JDBC
 * connection of an open JDBI {@link Handle}: for the statements every request runs.
 *
 * <p>Why not a JDBI statement: per execution JDBI copies its configuration, builds a statement
 * context, looks up an argument factory for each value and registers cleanables, which on a
 * feed request cost about a third as much CPU as the driver's whole round trip (docs/benchmarks.md).
 * Here the SQL is parsed once (by JDBI's own parser), values are set with the setter their type
 * calls for, and the handle still owns the connection and any transaction.
 *
 * <p>Failures are JDBI's {@link UnableToExecuteStatementException}, as from a JDBI statement,
 * with the statement but never the values in the message.
 *
 * <p>Each execution is told to the handle's {@link StatementObserver} by the statement's name
 * (the server's traces show it), never with its values.
 */
public final class DirectStatement {

    private final String name;
    private final String sql;
    private final List<String> parameterNames;
    private final String description;

    private DirectStatement(String name, String sql, List<String> parameterNames, String description) {
        this.name = name;
        this.sql = sql;
        this.parameterNames = parameterNames;
        this.description = description;
    }

    /**
     * The statement in {@code resources/<dao's package>/<Dao>/<file>.sql} (comments removed),
     * named {@code <Dao>.<file>}.
     */
    public static DirectStatement fromFile(Class<?> dao, String file) {
        return of(dao.getSimpleName() + "." + file, ClasspathSqlLocator.removingComments().locate(dao, file));
    }

    /**
     * @param name     what the statement is called where it is observed (traces)
     * @param namedSql SQL with {@code :name} parameters, as in the {@code .sql} files
     */
    public static DirectStatement of(String name, String namedSql) {
        ParsedSql parsed = new ColonPrefixSqlParser().parse(namedSql, null);
        if (parsed.getParameters().isPositional() && parsed.getParameters().getParameterCount() > 0) {
            throw new IllegalArgumentException("use :named parameters, not ?: " + namedSql);
        }
        return new DirectStatement(name, parsed.getSql(), List.copyOf(parsed.getParameters().getParameterNames()),
                namedSql.strip().replaceAll("\\s+", " "));
    }

    /** A statement written in code, not a file: named by its first word ({@code SET}, {@code SELECT}). */
    public static DirectStatement of(String namedSql) {
        return of(namedSql.strip().split("\\s+", 2)[0].toUpperCase(java.util.Locale.ROOT), namedSql);
    }

    /** What it is called where it is observed. */
    public String name() {
        return name;
    }

    /** Sets the values of one execution. */
    @FunctionalInterface
    public interface Binder {
        void bind(Arguments arguments) throws SQLException;
    }

    /** Reads the current row. */
    @FunctionalInterface
    public interface RowReader<T> {
        T read(ResultSet row) throws SQLException;
    }

    /** Binds nothing. */
    public static final Binder NO_ARGUMENTS = arguments -> { };

    /** Every row, in order. */
    public <T> List<T> list(Handle handle, Binder binder, RowReader<T> reader) {
        try (StatementObserver.Running observed = observer(handle).started(name)) {
            try (PreparedStatement statement = prepare(handle, binder);
                 ResultSet rows = statement.executeQuery()) {
                List<T> all = new ArrayList<>();
                while (rows.next()) {
                    all.add(reader.read(rows));
                }
                return all;
            } catch (SQLException e) {
                observed.failed(e);
                throw failed(e);
            }
        }
    }

    /** The one row, or empty; more than one row is a bug in the SQL. */
    public <T> Optional<T> findOne(Handle handle, Binder binder, RowReader<T> reader) {
        List<T> rows = list(handle, binder, reader);
        if (rows.size() > 1) {
            throw new IllegalStateException("expected at most one row, got " + rows.size() + ": " + description);
        }
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    /** @return the number of rows changed */
    public int execute(Handle handle, Binder binder) {
        try (StatementObserver.Running observed = observer(handle).started(name)) {
            try (PreparedStatement statement = prepare(handle, binder)) {
                return statement.executeUpdate();
            } catch (SQLException e) {
                observed.failed(e);
                throw failed(e);
            }
        }
    }

    private static StatementObserver observer(Handle handle) {
        return handle.getConfig(StatementObservers.class).observer();
    }

    private PreparedStatement prepare(Handle handle, Binder binder) throws SQLException {
        Connection connection = handle.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql);
        try {
            Arguments arguments = new Arguments(statement);
            binder.bind(arguments);
            arguments.checkAllSet();
            return statement;
        } catch (SQLException | RuntimeException e) {
            statement.close();
            throw e;
        }
    }

    private UnableToExecuteStatementException failed(SQLException e) {
        return new UnableToExecuteStatementException(e.getMessage() + " [statement: \"" + description + "\"]", e, null);
    }

    /** The values of one execution, by parameter name; a name used twice in the SQL is set in both places. */
    public final class Arguments {

        private final PreparedStatement statement;
        private final boolean[] set;

        private Arguments(PreparedStatement statement) {
            this.statement = statement;
            this.set = new boolean[parameterNames.size()];
        }

        /** Null (a reader who is not signed in, say) as a null of no declared type: the statement's own. */
        public Arguments set(String name, UUID value) throws SQLException {
            return setAll(name, index -> {
                if (value == null) {
                    statement.setNull(index, Types.OTHER);
                } else {
                    statement.setObject(index, value);
                }
            });
        }

        /** As {@code timestamptz}. */
        public Arguments set(String name, Instant value) throws SQLException {
            OffsetDateTime utc = value == null ? null : value.atOffset(ZoneOffset.UTC);
            return setAll(name, index -> statement.setObject(index, utc));
        }

        public Arguments set(String name, String value) throws SQLException {
            return setAll(name, index -> statement.setString(index, value));
        }

        /** As a PostgreSQL array of {@code elementType} ({@code uuid}, {@code text}, {@code boolean}…). */
        public Arguments set(String name, String elementType, Object[] values) throws SQLException {
            Array array = statement.getConnection().createArrayOf(elementType, values);
            return setAll(name, index -> statement.setArray(index, array));
        }

        public Arguments set(String name, int value) throws SQLException {
            return setAll(name, index -> statement.setInt(index, value));
        }

        public Arguments set(String name, long value) throws SQLException {
            return setAll(name, index -> statement.setLong(index, value));
        }

        /** Sets the value at every place the name stands, each through {@code setter}. */
        private Arguments setAll(String name, ParameterSetter setter) throws SQLException {
            for (int i = positions(name); i >= 0; i = next(name, i)) {
                setter.set(i + 1);
            }
            return this;
        }

        /** The first position of the name (marked as set), or an error naming the statement. */
        private int positions(String name) {
            int first = parameterNames.indexOf(name);
            if (first < 0) {
                throw new IllegalArgumentException("no parameter :" + name + " in " + description);
            }
            set[first] = true;
            return first;
        }

        private int next(String name, int after) {
            for (int i = after + 1; i < parameterNames.size(); i++) {
                if (parameterNames.get(i).equals(name)) {
                    set[i] = true;
                    return i;
                }
            }
            return -1;
        }

        private void checkAllSet() {
            for (int i = 0; i < set.length; i++) {
                if (!set[i]) {
                    throw new IllegalArgumentException("no value for :" + parameterNames.get(i) + " in " + description);
                }
            }
        }
    }

    /** One of {@link PreparedStatement}'s setters, bound to its value: sets it at a JDBC parameter index (from 1). */
    @FunctionalInterface
    private interface ParameterSetter {
        void set(int index) throws SQLException;
    }
}
