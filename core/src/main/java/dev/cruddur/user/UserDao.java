package dev.cruddur.user;

import dev.cruddur.database.DirectStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.locator.ClasspathSqlLocator;

/**
 * Look-ups and inserts of users over one open {@link Handle}; each method runs
 * {@code resources/dev/cruddur/user/UserDao/<method>.sql}, read once and run as a
 * {@link DirectStatement}, for the reason given on {@code ActivityDao}: the token's user is looked
 * up on every authenticated request, and a handle on every user feed.
 */
final class UserDao {

    private static final DirectStatement FIND_BY_COGNITO_USER_ID = sql("findByCognitoUserId");
    private static final DirectStatement FIND_BY_HANDLE = sql("findByHandle");
    private static final DirectStatement INSERT_IF_ABSENT = sql("insertIfAbsent");

    private final Handle handle;

    UserDao(Handle handle) {
        this.handle = handle;
    }

    Optional<User> findByCognitoUserId(String cognitoUserId) {
        return FIND_BY_COGNITO_USER_ID.findOne(handle, a -> a.set("cognitoUserId", cognitoUserId), UserDao::read);
    }

    Optional<User> findByHandle(String handle) {
        return FIND_BY_HANDLE.findOne(this.handle, a -> a.set("handle", handle), UserDao::read);
    }

    /** Empty when a user with this {@code cognitoUserId} exists already. */
    Optional<User> insertIfAbsent(String cognitoUserId, String displayName, String handle, String email) {
        return INSERT_IF_ABSENT.findOne(this.handle,
                a -> a.set("cognitoUserId", cognitoUserId).set("displayName", displayName).set("handle", handle)
                        .set("email", email),
                UserDao::read);
    }

    private static User read(ResultSet rs) throws SQLException {
        return new User(
                rs.getObject("uuid", UUID.class),
                rs.getString("display_name"),
                rs.getString("handle"),
                rs.getString("email"),
                rs.getString("cognito_user_id"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant());
    }

    private static DirectStatement sql(String name) {
        return DirectStatement.of(ClasspathSqlLocator.removingComments().locate(UserDao.class, name));
    }
}
