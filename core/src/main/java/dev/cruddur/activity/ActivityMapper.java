package dev.cruddur.activity;

import dev.cruddur.database.DirectStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * Reads the columns every activity query selects into an {@link Activity}. The timestamps are
 * NOT NULL columns. The reader's marks ({@code liked_by_me}, {@code reposted_by_me}) are read for
 * a signed-in reader only: for anyone else the query asks about a null reader, which matches nothing.
 * A list of feed entries (a timeline, a person's page) also selects who reposted each crud
 * ({@code reposter_handle}, {@code reposter_display_name}, {@code reposted_at}; null for a crud
 * listed as its author's).
 */
public final class ActivityMapper implements DirectStatement.RowReader<Activity> {

    static final ActivityMapper ANONYMOUS = new ActivityMapper(false, false);
    static final ActivityMapper SIGNED_IN = new ActivityMapper(true, false);
    private static final ActivityMapper ANONYMOUS_ENTRIES = new ActivityMapper(false, true);
    private static final ActivityMapper SIGNED_IN_ENTRIES = new ActivityMapper(true, true);

    private final boolean signedIn;
    private final boolean entries;

    private ActivityMapper(boolean signedIn, boolean entries) {
        this.signedIn = signedIn;
        this.entries = entries;
    }

    public static ActivityMapper forReader(Reader reader) {
        return reader.isSignedIn() ? SIGNED_IN : ANONYMOUS;
    }

    /** For a list of feed entries, which may hold reposts. */
    static ActivityMapper forEntries(Reader reader) {
        return reader.isSignedIn() ? SIGNED_IN_ENTRIES : ANONYMOUS_ENTRIES;
    }

    @Override
    public Activity read(ResultSet rs) throws SQLException {
        return new Activity(
                rs.getObject("uuid", UUID.class),
                rs.getString("display_name"),
                rs.getString("handle"),
                rs.getString("message"),
                rs.getInt("replies_count"),
                rs.getInt("reposts_count"),
                rs.getInt("likes_count"),
                rs.getObject("reply_to_activity_uuid", UUID.class),
                rs.getObject("expires_at", OffsetDateTime.class).toInstant(),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                signedIn ? rs.getBoolean("liked_by_me") : null,
                signedIn ? rs.getBoolean("reposted_by_me") : null,
                entries ? repost(rs) : null);
    }

    private static Repost repost(ResultSet rs) throws SQLException {
        OffsetDateTime at = rs.getObject("reposted_at", OffsetDateTime.class);
        return at == null ? null
                : new Repost(rs.getString("reposter_handle"), rs.getString("reposter_display_name"), at.toInstant());
    }
}
