package dev.cruddur.activity;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Maps the columns every activity query selects to an {@link Activity}, written out by hand: a
 * constructor mapper re-fits itself to each result set's columns on every query. The timestamps
 * are NOT NULL columns.
 */
final class ActivityMapper implements RowMapper<Activity> {

    static final ActivityMapper INSTANCE = new ActivityMapper();

    private ActivityMapper() {
    }

    @Override
    public Activity map(ResultSet rs, StatementContext ctx) throws SQLException {
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
