package dev.cruddur.activity;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.locator.UseClasspathSqlLocator;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * The SQL behind every activity use case; each method runs the file of the same name in
 * {@code resources/dev/cruddur/activity/ActivityDao/}. List queries take {@code fetch}, one more
 * than the page size, so {@link Page#fromOverfetch} can tell whether a next page exists.
 */
@UseClasspathSqlLocator
@RegisterConstructorMapper(Activity.class)
public interface ActivityDao {

    @SqlQuery
    List<Activity> homeFeed(@BindMethods("cursor") Cursor cursor, int fetch);

    @SqlQuery
    List<Activity> userFeed(UUID userUuid, @BindMethods("cursor") Cursor cursor, int fetch);

    @SqlQuery
    List<Activity> search(String pattern, @BindMethods("cursor") Cursor cursor, int fetch);

    @SqlQuery
    Optional<Activity> findVisible(UUID uuid);

    @SqlQuery
    List<Activity> replies(UUID parentUuid, @BindMethods("cursor") Cursor cursor, int fetch);

    @SqlQuery
    List<Activity> notifications(UUID userUuid, @BindMethods("cursor") Cursor cursor, int fetch);

    @SqlQuery
    Activity insertCrud(UUID authorUuid, String message, long ttlSeconds);

    @SqlQuery
    Optional<Activity> insertReply(UUID authorUuid, UUID parentUuid, String message);

    @SqlUpdate
    int purgeExpired(int batchSize);
}
