package dev.cruddur.activity;

import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.jdbi.v3.core.Jdbi;

/**
 * Likes and reposts: a person marks a visible crud (or reply) once per kind, and takes the mark
 * back. Both are idempotent: marking twice is one mark, taking back what is not there changes
 * nothing. Each answers the crud as its reader now sees it: its counts, and their own marks.
 */
public final class Reactions {

    private final Jdbi jdbi;
    private final OneMarkAtATime oneMarkAtATime = new OneMarkAtATime();

    public Reactions(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** @throws dev.cruddur.error.NotFoundException {@code activity_not_found} when it does not exist or has expired */
    public Activity add(UUID userUuid, UUID activityUuid, Reaction kind) {
        return change(activityUuid, dao -> dao.addReaction(activityUuid, userUuid, kind));
    }

    /** @throws dev.cruddur.error.NotFoundException {@code activity_not_found} when it does not exist or has expired */
    public Activity remove(UUID userUuid, UUID activityUuid, Reaction kind) {
        return change(activityUuid, dao -> dao.removeReaction(activityUuid, userUuid, kind));
    }

    /** One statement in autocommit: the change commits by itself, and answers the crud as it left it. */
    private Activity change(UUID activityUuid, Function<ActivityDao, Optional<Activity>> change) {
        return oneMarkAtATime.on(activityUuid, () -> jdbi.withHandle(h -> change.apply(new ActivityDao(h))))
                .orElseThrow(() -> ActivityFeeds.activityNotFound(activityUuid));
    }
}
