package dev.cruddur.activity;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.UUID;

/** Reads the columns every activity query selects into an {@link Activity}. The timestamps are NOT NULL columns. */
final class ActivityMapper {

    private ActivityMapper() {
    }

    static Activity read(ResultSet rs) throws SQLException {
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
                rs.getObject("created_at", OffsetDateTime.class).toInstant());
    }
}
