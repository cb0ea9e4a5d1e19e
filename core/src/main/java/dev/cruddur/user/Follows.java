package dev.cruddur.user;

import dev.cruddur.activity.Page;
import dev.cruddur.activity.PageRequest;
import dev.cruddur.database.Reads;
import dev.cruddur.error.NotFoundException;
import dev.cruddur.error.ValidationException;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * Who follows whom. Following and unfollowing are idempotent, and each answers the followee's
 * profile as the follower now sees it; the counts on both people move with the follow, exactly.
 */
public final class Follows {

    private final Jdbi jdbi;
    private final Reads reads;
    private final Profiles profiles;

    /** Everything on the primary. */
    public Follows(Jdbi jdbi, Profiles profiles) {
        this(jdbi, Reads.primaryOnly(jdbi), profiles);
    }

    /**
     * @param jdbi  the primary: following, unfollowing, and the profile they answer with
     * @param reads where the lists of followers and followed are read for their reader
     */
    public Follows(Jdbi jdbi, Reads reads, Profiles profiles) {
        this.jdbi = jdbi;
        this.reads = reads;
        this.profiles = profiles;
    }

    /**
     * @throws NotFoundException   {@code user_not_found} when no user has that handle
     * @throws ValidationException {@code follow_self} for one's own handle
     */
    public Profile follow(User follower, String handle) {
        refuseSelf(follower, handle);
        jdbi.withHandle(h -> new UserDao(h).follow(follower.uuid(), handle)).orElseThrow(Profiles::userNotFound);
        return profiles.byHandleOnPrimary(handle, follower.uuid());
    }

    /** @throws NotFoundException {@code user_not_found} when no user has that handle */
    public Profile unfollow(User follower, String handle) {
        refuseSelf(follower, handle);
        jdbi.withHandle(h -> new UserDao(h).unfollow(follower.uuid(), handle)).orElseThrow(Profiles::userNotFound);
        return profiles.byHandleOnPrimary(handle, follower.uuid());
    }

    /** The person's followers, the latest first, as {@code readerUuid} (null: not signed in) should see them. */
    public Page<Person> followers(String handle, PageRequest page, UUID readerUuid) {
        return reads.read(readerUuid, on -> {
            UUID user = Profiles.byHandle(on, handle, null).uuid();
            return Page.fromOverfetch(on.withHandle(h -> new UserDao(h).followers(user, page.cursor(), page.limit() + 1)),
                    page, Person::cursor);
        });
    }

    /** The people the person follows, the latest followed first, as {@code readerUuid} should see them. */
    public Page<Person> following(String handle, PageRequest page, UUID readerUuid) {
        return reads.read(readerUuid, on -> {
            UUID user = Profiles.byHandle(on, handle, null).uuid();
            return Page.fromOverfetch(on.withHandle(h -> new UserDao(h).following(user, page.cursor(), page.limit() + 1)),
                    page, Person::cursor);
        });
    }

    /** The person's followers, read on the primary. */
    public Page<Person> followers(String handle, PageRequest page) {
        return followers(handle, page, null);
    }

    /** The people the person follows, read on the primary. */
    public Page<Person> following(String handle, PageRequest page) {
        return following(handle, page, null);
    }

    private static void refuseSelf(User follower, String handle) {
        if (follower.handle().equalsIgnoreCase(handle)) {
            throw new ValidationException("follow_self", "handle", "You cannot follow yourself.");
        }
    }
}
