package dev.cruddur.user;

import dev.cruddur.activity.Cursor;
import dev.cruddur.database.DirectStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

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
    private static final DirectStatement PROFILE = sql("profile");
    private static final DirectStatement UPDATE_PROFILE = sql("updateProfile");
    private static final DirectStatement FOLLOW = sql("follow");
    private static final DirectStatement UNFOLLOW = sql("unfollow");
    private static final DirectStatement FOLLOWERS = sql("followers");
    private static final DirectStatement FOLLOWING = sql("following");

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

    Optional<Profile> profile(String userHandle, UUID readerUuid) {
        return PROFILE.findOne(handle, a -> a.set("handle", userHandle).set("readerUuid", readerUuid),
                rs -> new Profile(
                        rs.getObject("uuid", UUID.class),
                        rs.getString("handle"),
                        rs.getString("display_name"),
                        rs.getString("bio"),
                        rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                        rs.getInt("followers_count"),
                        rs.getInt("following_count"),
                        rs.getInt("cruds_count"),
                        readerUuid == null ? null : rs.getBoolean("following"),
                        readerUuid == null ? null : rs.getBoolean("follows_you"),
                        rs.getObject("uuid", UUID.class).equals(readerUuid) ? rs.getString("messages_from") : null,
                        rs.getBoolean("can_message")));
    }

    void updateProfile(UUID userUuid, String displayName, String bio, String messagesFrom) {
        UPDATE_PROFILE.execute(handle, a -> a.set("userUuid", userUuid).set("displayName", displayName).set("bio", bio)
                .set("messagesFrom", messagesFrom));
    }

    /** @return the followee's uuid; empty when no one has the handle */
    Optional<UUID> follow(UUID followerUuid, String followeeHandle) {
        return FOLLOW.findOne(handle, a -> a.set("followerUuid", followerUuid).set("handle", followeeHandle),
                rs -> rs.getObject("uuid", UUID.class));
    }

    /** @return the followee's uuid; empty when no one has the handle */
    Optional<UUID> unfollow(UUID followerUuid, String followeeHandle) {
        return UNFOLLOW.findOne(handle, a -> a.set("followerUuid", followerUuid).set("handle", followeeHandle),
                rs -> rs.getObject("uuid", UUID.class));
    }

    List<Person> followers(UUID userUuid, Cursor cursor, int fetch) {
        return people(FOLLOWERS, userUuid, cursor, fetch);
    }

    List<Person> following(UUID userUuid, Cursor cursor, int fetch) {
        return people(FOLLOWING, userUuid, cursor, fetch);
    }

    private List<Person> people(DirectStatement list, UUID userUuid, Cursor cursor, int fetch) {
        return list.list(handle, a -> a.set("userUuid", userUuid)
                .set("cursor.createdAt", cursor.createdAt())
                .set("cursor.uuid", cursor.uuid())
                .set("fetch", fetch), UserDao::person);
    }

    private static Person person(ResultSet rs) throws SQLException {
        return new Person(
                rs.getObject("uuid", UUID.class),
                rs.getString("handle"),
                rs.getString("display_name"),
                rs.getString("bio"),
                rs.getObject("followed_at", OffsetDateTime.class).toInstant());
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
        return DirectStatement.fromFile(UserDao.class, name);
    }
}
