package dev.cruddur.activity;

import dev.cruddur.database.DirectStatement;
import dev.cruddur.database.DirectStatement.Arguments;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.locator.ClasspathSqlLocator;

/**
 * The SQL behind every activity use case, over one open {@link Handle}; each method runs the
 * file of the same name in {@code resources/dev/cruddur/activity/ActivityDao/}. List queries take
 * {@code fetch}, one more than the page size, so {@link Page#fromOverfetch} can tell whether a
 * next page exists.
 *
 * <p>The files are read once, when the class loads, and run as {@link DirectStatement}s: these
 * are the statements behind every read and write of the API, and JDBI's per-statement work cost
 * more CPU than the driver's (docs/benchmarks.md). Rows are read by {@link ActivityMapper}.
 */
final class ActivityDao {

    private static final DirectStatement HOME_FEED = sql("homeFeed");
    private static final DirectStatement USER_FEED = sql("userFeed");
    private static final DirectStatement FOLLOWING_FEED = sql("followingFeed");
    private static final DirectStatement SEARCH = sql("search");
    private static final DirectStatement SEARCH_HASHTAG = sql("searchHashtag");
    private static final DirectStatement FIND_VISIBLE = sql("findVisible");
    private static final DirectStatement REPLIES = sql("replies");
    private static final DirectStatement INSERT_CRUD = sql("insertCrud");
    private static final DirectStatement INSERT_REPLY = sql("insertReply");
    private static final DirectStatement DELETE_ACTIVITY = sql("deleteActivity");
    private static final DirectStatement ADD_MARKS = sql("addMarks");
    private static final DirectStatement REMOVE_MARKS = sql("removeMarks");
    // The purge's statements run a few times a minute: plain JDBI, no prepared-statement tuning.
    private static final String PURGE_EXPIRED = text("purgeExpired");
    private static final String PURGE_EXPIRED_MESSAGES = text("purgeExpiredMessages");
    private static final String TRY_PURGE_LOCK = text("tryPurgeLock");
    private static final String RELEASE_PURGE_LOCK = text("releasePurgeLock");

    /** Until the end of the transaction, which also ends the setting's effect on the connection. */
    private static final DirectStatement PLAN_FOR_THE_PARAMETERS =
            DirectStatement.of("ActivityDao.planForTheParameters", "SET LOCAL plan_cache_mode = force_custom_plan");

    private final Handle handle;

    ActivityDao(Handle handle) {
        this.handle = handle;
    }

    List<Activity> homeFeed(Reader reader, Cursor cursor, int fetch) {
        return HOME_FEED.list(handle, a -> page(a, reader, cursor, fetch), ActivityMapper.forReader(reader));
    }

    /** Their cruds and reposts; empty both for a user with nothing to show and for a handle nobody has. */
    List<Activity> userFeed(Reader reader, String userHandle, Cursor cursor, int fetch) {
        return USER_FEED.list(handle, a -> page(a, reader, cursor, fetch).set("handle", userHandle),
                ActivityMapper.forEntries(reader));
    }

    /** The cruds and reposts of the people the reader follows, and the reader's own. */
    List<Activity> followingFeed(Reader reader, Cursor cursor, int fetch) {
        return FOLLOWING_FEED.list(handle, a -> page(a, reader, cursor, fetch), ActivityMapper.forEntries(reader));
    }

    /**
     * Planned for its own pattern, unlike every other statement on the server's connections
     * (which keep one generic plan): a rare word is found through the trigram index, a common
     * one by walking the home index newest first, and a plan made without the pattern walks
     * the home index for every term, reading all the cruds for a word nobody wrote. (A term
     * that is one hashtag goes to {@link #searchHashtag} instead.)
     */
    List<Activity> search(Reader reader, SearchTerm term, Cursor cursor, int fetch) {
        return handle.inTransaction(h -> {
            PLAN_FOR_THE_PARAMETERS.execute(h, DirectStatement.NO_ARGUMENTS);
            return SEARCH.list(h, a -> page(a, reader, cursor, fetch)
                    .set("contains", term.containsPattern())
                    .set("pattern", term.pattern()), ActivityMapper.forReader(reader));
        });
    }

    /** {@link #search} for a term that is one hashtag, through the activity_hashtags table. */
    List<Activity> searchHashtag(Reader reader, String tag, Cursor cursor, int fetch) {
        return SEARCH_HASHTAG.list(handle, a -> page(a, reader, cursor, fetch).set("tag", tag),
                ActivityMapper.forReader(reader));
    }

    Optional<Activity> findVisible(Reader reader, UUID uuid) {
        return FIND_VISIBLE.findOne(handle, a -> a.set("uuid", uuid).set("readerUuid", reader.userUuid()),
                ActivityMapper.forReader(reader));
    }

    List<Activity> replies(Reader reader, UUID parentUuid, Cursor cursor, int fetch) {
        return REPLIES.list(handle, a -> page(a, reader, cursor, fetch).set("parentUuid", parentUuid),
                ActivityMapper.forReader(reader));
    }

    Activity insertCrud(UUID authorUuid, String message, long ttlSeconds) {
        return INSERT_CRUD.findOne(handle,
                        a -> a.set("authorUuid", authorUuid).set("message", message).set("ttlSeconds", ttlSeconds),
                        ActivityMapper.SIGNED_IN)
                .orElseThrow(() -> new IllegalStateException("the insert returned no row"));
    }

    Optional<Activity> insertReply(UUID authorUuid, UUID parentUuid, String message) {
        return INSERT_REPLY.findOne(handle,
                a -> a.set("authorUuid", authorUuid).set("parentUuid", parentUuid).set("message", message),
                ActivityMapper.SIGNED_IN);
    }

    /** @return the author of the visible activity, deleted if that is {@code authorUuid}; empty when there is none */
    Optional<UUID> deleteActivity(UUID uuid, UUID authorUuid) {
        return DELETE_ACTIVITY.findOne(handle, a -> a.set("uuid", uuid).set("authorUuid", authorUuid),
                rs -> rs.getObject("user_uuid", UUID.class));
    }

    /**
     * Gives or takes back marks on one crud: all given or all taken back, at most one per person and kind.
     *
     * @return the crud as each person who marked it now sees it, by their uuid; empty when it is not visible
     */
    Map<UUID, Activity> changeMarks(UUID activityUuid, List<Mark> marks) {
        boolean adds = marks.get(0).adds();
        Object[] markers = new Object[marks.size()];
        Object[] kinds = new Object[marks.size()];
        for (int i = 0; i < marks.size(); i++) {
            if (marks.get(i).adds() != adds) {
                throw new IllegalArgumentException("marks given and taken back in one statement: " + marks);
            }
            markers[i] = marks.get(i).userUuid();
            kinds[i] = marks.get(i).kind().column();
        }
        Map<UUID, Activity> seenBy = new HashMap<>();
        (adds ? ADD_MARKS : REMOVE_MARKS).list(handle,
                a -> a.set("activityUuid", activityUuid).set("markers", "uuid", markers).set("kinds", "text", kinds),
                rs -> seenBy.put(rs.getObject("marker_uuid", UUID.class), ActivityMapper.SIGNED_IN.read(rs)));
        return seenBy;
    }

    /** One batch of the purge, from {@code resumeFrom} (null: from the earliest expiry). */
    PurgedBatch purgeExpired(Instant resumeFrom, int batchSize) {
        return purgeBatch(PURGE_EXPIRED, resumeFrom, batchSize);
    }

    /** One batch of the purge's direct messages, from {@code resumeFrom} (null: from the earliest expiry). */
    PurgedBatch purgeExpiredMessages(Instant resumeFrom, int batchSize) {
        return purgeBatch(PURGE_EXPIRED_MESSAGES, resumeFrom, batchSize);
    }

    /** Both purge statements take where to resume and a batch size, and answer the same two columns. */
    private PurgedBatch purgeBatch(String sql, Instant resumeFrom, int batchSize) {
        return handle.createQuery(sql)
                .bindByType("resumeFrom", resumeFrom, Instant.class)
                .bind("batchSize", batchSize)
                .map((rs, ctx) -> {
                    OffsetDateTime next = rs.getObject("resume_from", OffsetDateTime.class);
                    return new PurgedBatch(rs.getInt("deleted"), next == null ? null : next.toInstant());
                })
                .one();
    }

    /** @return false when another session holds the purge lock */
    boolean tryPurgeLock(long key) {
        return handle.createQuery(TRY_PURGE_LOCK).bind("key", key).mapTo(Boolean.class).one();
    }

    /** @return false when this session did not hold it */
    boolean releasePurgeLock(long key) {
        return handle.createQuery(RELEASE_PURGE_LOCK).bind("key", key).mapTo(Boolean.class).one();
    }

    /**
     * @param deleted    the rows the batch deleted
     * @param resumeFrom where the next batch of the run starts; null when the batch deleted nothing
     */
    record PurgedBatch(int deleted, Instant resumeFrom) {
    }

    private static Arguments page(Arguments arguments, Reader reader, Cursor cursor, int fetch) throws SQLException {
        return arguments.set("readerUuid", reader.userUuid())
                .set("cursor.createdAt", cursor.createdAt())
                .set("cursor.uuid", cursor.uuid())
                .set("fetch", fetch);
    }

    private static DirectStatement sql(String name) {
        return DirectStatement.fromFile(ActivityDao.class, name);
    }

    private static String text(String name) {
        return ClasspathSqlLocator.removingComments().locate(ActivityDao.class, name);
    }
}
