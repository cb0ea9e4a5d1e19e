package dev.cruddur.user;

import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.locator.UseClasspathSqlLocator;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** Look-ups and inserts of users; each method runs {@code resources/dev/cruddur/user/UserDao/<method>.sql}. */
@UseClasspathSqlLocator
@RegisterConstructorMapper(User.class)
public interface UserDao {

    @SqlQuery
    Optional<User> findByCognitoUserId(String cognitoUserId);

    @SqlQuery
    Optional<User> findByHandle(String handle);

    /** Empty when a user with this {@code cognitoUserId} exists already. */
    @SqlQuery
    Optional<User> insertIfAbsent(String cognitoUserId, String displayName, String handle, String email);
}
