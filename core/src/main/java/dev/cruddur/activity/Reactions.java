package dev.cruddur.activity;

import java.util.UUID;
import java.util.function.Predicate;
import org.jdbi.v3.core.Jdbi;

/**
 * Likes and reposts: a person marks a visible crud (or reply) once per kind, and takes the mark
 * back. Both are idempotent: marking twice is one mark, taking back what is not there changes
 * nothing. Each answers the crud as its reader now sees it: its counts, and their own marks.
 */
public final class Reactions {

    private final Jdbi jdbi;

    public Reactions(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** @throws dev.cruddur.error.NotFoundException {@code activity_not_found} when it does not exist or has expired */
    public Activity add(UUID userUuid, UUID activityUuid, Reaction kind) {
        return change(userUuid, activityUuid, dao -> dao.addReaction(activityUuid, userUuid, kind));
    }

    /** @throws dev.cruddur.error.NotFoundException {@code activity_not_found} when it does not exist or has expired */
    public Activity remove(UUID userUuid, UUID activityUuid, Reaction kind) {
        return change(userUuid, activityUuid, dao -> dao.removeReaction(activityUuid, userUuid, kind));
    }

    /** The change commits by itself (one statement in autocommit) before the crud is read back. */
    private Activity change(UUID userUuid, UUID activityUuid, Predicate<ActivityDao> change) {
        return jdbi.withHandle(h -> {
            ActivityDao dao = new ActivityDao(h);
            if (!change.test(dao)) {
                throw ActivityFeeds.activityNotFound(activityUuid);
            }
            return dao.findVisible(Reader.signedIn(userUuid), activityUuid)
                    .orElseThrow(() -> ActivityFeeds.activityNotFound(activityUuid));
        });
    }
}
