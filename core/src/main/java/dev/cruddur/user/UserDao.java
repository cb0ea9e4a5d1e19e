package dev.cruddur.user;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.locator.ClasspathSqlLocator;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Look-ups and inserts of users over one open {@link Handle}; each method runs
 * {@code resources/dev/cruddur/user/UserDao/<method>.sql}. Plain statements, files read once and
 * a hand-written mapper, for the reason given on {@code ActivityDao}: the token's user is looked
 * up on every authenticated request.
 */
final class UserDao {

    private static final String FIND_BY_COGNITO_USER_ID = sql("findByCognitoUserId");
    private static final String FIND_BY_HANDLE = sql("findByHandle");
    private static final String INSERT_IF_ABSENT = sql("insertIfAbsent");

    private static final RowMapper<User> USER = UserDao::map;

    private final Handle handle;

    UserDao(Handle handle) {
        this.handle = handle;
    }

    Optional<User> findByCognitoUserId(String cognitoUserId) {
        return handle.createQuery(FIND_BY_COGNITO_USER_ID).bind("cognitoUserId", cognitoUserId).map(USER).findOne();
    }

    Optional<User> findByHandle(String handle) {
        return this.handle.createQuery(FIND_BY_HANDLE).bind("handle", handle).map(USER).findOne();
    }

    /** Empty when a user with this {@code cognitoUserId} exists already. */
    Optional<User> insertIfAbsent(String cognitoUserId, String displayName, String handle, String email) {
        return this.handle.createQuery(INSERT_IF_ABSENT)
                .bind("cognitoUserId", cognitoUserId)
                .bind("displayName", displayName)
                .bind("handle", handle)
                .bind("email", email)
                .map(USER)
                .findOne();
    }

    private static User map(ResultSet rs, StatementContext ctx) throws SQLException {
        return new User(
                rs.getObject("uuid", UUID.class),
                rs.getString("display_name"),
                rs.getString("handle"),
                rs.getString("email"),
                rs.getString("cognito_user_id"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant());
    }

    private static String sql(String name) {
        return ClasspathSqlLocator.removingComments().locate(UserDao.class, name);
    }
}
