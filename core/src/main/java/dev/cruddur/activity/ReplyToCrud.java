package dev.cruddur.activity;

import dev.cruddur.error.NotFoundException;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * Replies to a crud: 1–1024 characters that expire with the crud they answer, shown on its
 * page and in its author's notifications, never in the home feed.
 */
public final class ReplyToCrud {

    public static final int MAX_CODE_POINTS = 1024;

    private final Jdbi jdbi;

    public ReplyToCrud(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** @throws NotFoundException {@code activity_not_found} when the crud does not exist or has expired */
    public Activity reply(UUID authorUuid, UUID parentUuid, String message) {
        String text = MessageText.validate(message, "reply", MAX_CODE_POINTS);
        // One statement, so it is atomic without an explicit transaction; in autocommit the
        // database commits as soon as it finishes, and the parent's row lock is not held for
        // one more round trip waiting for our COMMIT (every reply to a crud queues on that lock).
        return jdbi.withHandle(handle -> new ActivityDao(handle)
                .insertReply(authorUuid, parentUuid, text)
                .orElseThrow(() -> ActivityFeeds.activityNotFound(parentUuid)));
    }
}
