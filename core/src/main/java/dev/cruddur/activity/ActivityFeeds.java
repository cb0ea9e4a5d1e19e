package dev.cruddur.activity;

import dev.cruddur.database.Reads;
import dev.cruddur.error.NotFoundException;
import dev.cruddur.user.Handle;
import dev.cruddur.user.Users;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * Every way of reading cruds: the home feed, a person's timeline, a user's page, search, and one
 * crud with its replies. All lists are newest first, bounded, paged by {@link Cursor}, and never
 * include anything that has expired. Only reads: each runs where {@link Reads} sends its reader
 * (a read replica that shows them their own writes, or the primary).
 */
public final class ActivityFeeds {

    private final Reads reads;

    /** Everything on the primary. */
    public ActivityFeeds(Jdbi jdbi, Users users) {
        this(Reads.primaryOnly(jdbi));
    }

    public ActivityFeeds(Reads reads) {
        this.reads = reads;
    }

    /** Top-level cruds from everyone; replies live on their parent's page. */
    public Page<Activity> home(Reader reader, PageRequest page) {
        return Page.fromOverfetch(reads.read(reader.userUuid(),
                jdbi -> jdbi.withHandle(h -> new ActivityDao(h).homeFeed(reader, page.cursor(), page.limit() + 1))), page);
    }

    /** The cruds and reposts of the people a signed-in reader follows, and their own. */
    public Page<Activity> following(Reader reader, PageRequest page) {
        if (!reader.isSignedIn()) {
            throw new IllegalArgumentException("the following timeline is a signed-in reader's");
        }
        return Page.fromOverfetch(reads.read(reader.userUuid(),
                jdbi -> jdbi.withHandle(h -> new ActivityDao(h).followingFeed(reader, page.cursor(), page.limit() + 1))), page);
    }

    /**
     * A person's page: their cruds, and the cruds they reposted. One statement finds the user and reads the page; only an empty page costs a second one,
     * to tell a user with nothing to show from a handle nobody has.
     *
     * @throws NotFoundException {@code user_not_found} when no user has that handle
     */
    public Page<Activity> byHandle(Reader reader, String handle, PageRequest page) {
        return reads.read(reader.userUuid(), jdbi -> {
            List<Activity> items = Handle.isWellFormed(handle)
                    ? jdbi.withHandle(h -> new ActivityDao(h).userFeed(reader, handle, page.cursor(), page.limit() + 1))
                    : List.of();
            if (items.isEmpty() && new Users(jdbi).byHandle(handle).isEmpty()) {
                throw new NotFoundException("user_not_found", "No user has that handle.");
            }
            return Page.fromOverfetch(items, page);
        });
    }

    /**
     * A term that is one hashtag is read from the hashtag table (a page costs the same however
     * many cruds carry it); any other term is a regular expression over the messages.
     */
    public Page<Activity> search(Reader reader, SearchTerm term, PageRequest page) {
        return Page.fromOverfetch(reads.read(reader.userUuid(),
                jdbi -> jdbi.withHandle(h -> {
                    ActivityDao dao = new ActivityDao(h);
                    return term.hashtag()
                            .map(tag -> dao.searchHashtag(reader, tag, page.cursor(), page.limit() + 1))
                            .orElseGet(() -> dao.search(reader, term, page.cursor(), page.limit() + 1));
                })),
                page);
    }

    /**
     * One activity and a page of its replies.
     *
     * @throws NotFoundException {@code activity_not_found} when it does not exist or has expired
     */
    public CrudThread thread(Reader reader, UUID uuid, PageRequest repliesPage) {
        return reads.read(reader.userUuid(), jdbi -> jdbi.withHandle(h -> {
            ActivityDao dao = new ActivityDao(h);
            Activity crud = dao.findVisible(reader, uuid).orElseThrow(() -> activityNotFound(uuid));
            Page<Activity> replies = Page.fromOverfetch(
                    dao.replies(reader, uuid, repliesPage.cursor(), repliesPage.limit() + 1), repliesPage);
            return new CrudThread(crud, replies);
        }));
    }

    static NotFoundException activityNotFound(Object uuid) {
        return new NotFoundException("activity_not_found", "There is no crud " + uuid + ", or it has expired.");
    }
}
