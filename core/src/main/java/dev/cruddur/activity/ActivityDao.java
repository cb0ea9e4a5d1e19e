package dev.cruddur.activity;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.locator.ClasspathSqlLocator;
import org.jdbi.v3.core.statement.Query;

/**
 * The SQL behind every activity use case, over one open {@link Handle}; each method runs the
 * file of the same name in {@code resources/dev/cruddur/activity/ActivityDao/}. List queries take
 * {@code fetch}, one more than the page size, so {@link Page#fromOverfetch} can tell whether a
 * next page exists.
 *
 * <p>Plain JDBI statements rather than a SqlObject interface: on every call a SqlObject builds
 * its proxy's handlers, locates its SQL and fits a constructor mapper to the result set, which
 * cost more CPU than the query itself on the read paths (docs/benchmarks.md). Here the files are
 * read once, when the class loads, and rows are mapped by {@link ActivityMapper}.
 */
final class ActivityDao {

    private static final String HOME_FEED = sql("homeFeed");
    private static final String USER_FEED = sql("userFeed");
    private static final String SEARCH = sql("search");
    private static final String FIND_VISIBLE = sql("findVisible");
    private static final String REPLIES = sql("replies");
    private static final String NOTIFICATIONS = sql("notifications");
    private static final String INSERT_CRUD = sql("insertCrud");
    private static final String INSERT_REPLY = sql("insertReply");
    private static final String PURGE_EXPIRED = sql("purgeExpired");

    private final Handle handle;

    ActivityDao(Handle handle) {
        this.handle = handle;
    }

    List<Activity> homeFeed(Cursor cursor, int fetch) {
        return page(HOME_FEED, cursor, fetch).map(ActivityMapper.INSTANCE).list();
    }

    List<Activity> userFeed(UUID userUuid, Cursor cursor, int fetch) {
        return page(USER_FEED, cursor, fetch).bind("userUuid", userUuid).map(ActivityMapper.INSTANCE).list();
    }

    List<Activity> search(String pattern, Cursor cursor, int fetch) {
        return page(SEARCH, cursor, fetch).bind("pattern", pattern).map(ActivityMapper.INSTANCE).list();
    }

    Optional<Activity> findVisible(UUID uuid) {
        return handle.createQuery(FIND_VISIBLE).bind("uuid", uuid).map(ActivityMapper.INSTANCE).findOne();
    }

    List<Activity> replies(UUID parentUuid, Cursor cursor, int fetch) {
        return page(REPLIES, cursor, fetch).bind("parentUuid", parentUuid).map(ActivityMapper.INSTANCE).list();
    }

    List<Activity> notifications(UUID userUuid, Cursor cursor, int fetch) {
        return page(NOTIFICATIONS, cursor, fetch).bind("userUuid", userUuid).map(ActivityMapper.INSTANCE).list();
    }

    Activity insertCrud(UUID authorUuid, String message, long ttlSeconds) {
        return handle.createQuery(INSERT_CRUD)
                .bind("authorUuid", authorUuid)
                .bind("message", message)
                .bind("ttlSeconds", ttlSeconds)
                .map(ActivityMapper.INSTANCE)
                .one();
    }

    Optional<Activity> insertReply(UUID authorUuid, UUID parentUuid, String message) {
        return handle.createQuery(INSERT_REPLY)
                .bind("authorUuid", authorUuid)
                .bind("parentUuid", parentUuid)
                .bind("message", message)
                .map(ActivityMapper.INSTANCE)
                .findOne();
    }

    int purgeExpired(int batchSize) {
        return handle.createUpdate(PURGE_EXPIRED).bind("batchSize", batchSize).execute();
    }

    private Query page(String sql, Cursor cursor, int fetch) {
        return handle.createQuery(sql)
                .bind("cursor.createdAt", cursor.createdAt())
                .bind("cursor.uuid", cursor.uuid())
                .bind("fetch", fetch);
    }

    private static String sql(String name) {
        return ClasspathSqlLocator.removingComments().locate(ActivityDao.class, name);
    }
}
