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
 */
final class ActivityMapper implements DirectStatement.RowReader<Activity> {

    static final ActivityMapper ANONYMOUS = new ActivityMapper(false);
    static final ActivityMapper SIGNED_IN = new ActivityMapper(true);

    private final boolean signedIn;

    private ActivityMapper(boolean signedIn) {
        this.signedIn = signedIn;
    }

    static ActivityMapper forReader(Reader reader) {
        return reader.isSignedIn() ? SIGNED_IN : ANONYMOUS;
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
                signedIn ? rs.getBoolean("reposted_by_me") : null);
    }
}
