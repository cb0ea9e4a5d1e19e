package dev.cruddur.activity;

import dev.cruddur.error.ForbiddenException;
import dev.cruddur.error.NotFoundException;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * Its author takes back a crud or a reply before it self-destructs: it goes at once, with
 * everything that belongs to it (its replies, likes and reposts).
 */
public final class DeleteActivity {

    private final Jdbi jdbi;

    public DeleteActivity(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /**
     * @throws NotFoundException  {@code activity_not_found} when it does not exist or has expired
     * @throws ForbiddenException {@code not_your_activity} when someone else wrote it (nothing is deleted)
     */
    public void delete(UUID authorUuid, UUID activityUuid) {
        UUID author = jdbi.withHandle(h -> new ActivityDao(h).deleteActivity(activityUuid, authorUuid))
                .orElseThrow(() -> ActivityFeeds.activityNotFound(activityUuid));
        if (!author.equals(authorUuid)) {
            throw new ForbiddenException("not_your_activity", "Only its author can delete a crud or a reply.");
        }
    }
}
