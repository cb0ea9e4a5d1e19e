package dev.cruddur.activity;

import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * Likes and reposts: a person marks a visible crud (or reply) once per kind, and takes the mark
 * back. Both are idempotent: marking twice is one mark, taking back what is not there changes
 * nothing. Each answers the crud as its reader now sees it: its counts, and their own marks.
 */
public final class Reactions {

    private final MarkBatches batches;

    public Reactions(Jdbi jdbi) {
        // One statement in autocommit: the marks commit by themselves, and answer the crud as they left it.
        this.batches = new MarkBatches((crud, marks) -> jdbi.withHandle(h -> new ActivityDao(h).changeMarks(crud, marks)));
    }

    /** @throws dev.cruddur.error.NotFoundException {@code activity_not_found} when it does not exist or has expired */
    public Activity add(UUID userUuid, UUID activityUuid, Reaction kind) {
        return write(activityUuid, new Mark(userUuid, kind, true));
    }

    /** @throws dev.cruddur.error.NotFoundException {@code activity_not_found} when it does not exist or has expired */
    public Activity remove(UUID userUuid, UUID activityUuid, Reaction kind) {
        return write(activityUuid, new Mark(userUuid, kind, false));
    }

    private Activity write(UUID activityUuid, Mark mark) {
        return batches.write(activityUuid, mark).orElseThrow(() -> ActivityFeeds.activityNotFound(activityUuid));
    }
}
