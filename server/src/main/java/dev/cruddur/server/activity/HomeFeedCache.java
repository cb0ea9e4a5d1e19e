package dev.cruddur.server.activity;

import dev.cruddur.activity.Activity;
import dev.cruddur.activity.Page;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The first page of the home feed as every anonymous reader sees it, with its JSON already
 * written, kept for a moment: under load most requests are exactly this one, and answering them
 * from memory leaves the database and the JSON writer for everything else.
 *
 * <p>What keeps it correct:
 * <ul>
 *   <li>A snapshot is dropped before the first of its cruds expires (less a margin for the
 *       server's clock being behind the database's), so it never shows an expired crud.</li>
 *   <li>Every write on this instance calls {@link #invalidate()} after it commits. A snapshot
 *       remembers the generation it was loaded in, and one loaded before a write finished is never
 *       served after it, even if it was stored afterwards: whoever posts and then reads sees the post.</li>
 *   <li>Anything else (a write by another instance, a row deleted by hand) is visible after at
 *       most the time-to-live. Expired rows are the only ones Cruddur deletes.</li>
 *   <li>With read replicas a snapshot is loaded from one, which may be behind by up to its lag
 *       bound: then a write shows here after at most the time-to-live plus that bound (and the
 *       replicas' check interval), whichever instance it went through. The writer reads signed
 *       in, never from here, and sees it at once.</li>
 * </ul>
 */
final class HomeFeedCache {

    /** Short enough that other instances' posts appear as good as immediately. */
    static final Duration DEFAULT_TTL = Duration.ofSeconds(1);
    /** How far the server's clock may lag the database's without an expired crud being shown. */
    static final Duration CLOCK_MARGIN = Duration.ofSeconds(1);

    /** The page (for its pagination headers) and its serialised items. */
    record Snapshot(Page<Activity> page, byte[] json, long generation, Instant validUntil) {
    }

    private final Duration ttl;
    private final Clock clock;
    private final AtomicLong generation = new AtomicLong();
    private final AtomicReference<Snapshot> current = new AtomicReference<>();
    /** Requests answered from a snapshot, and those that loaded one: what {@code /metrics} shows of the cache. */
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();

    HomeFeedCache(Duration ttl, Clock clock) {
        this.ttl = ttl;
        this.clock = clock;
    }

    /** The current snapshot, or a fresh one from {@code load} (written with {@code toJson}) when there is none. */
    Snapshot get(Supplier<Page<Activity>> load, Function<Page<Activity>, byte[]> toJson) {
        Snapshot snapshot = current.get();
        // The clock is read before the load, so every bound below errs on the early side.
        Instant now = clock.instant();
        if (snapshot != null && snapshot.generation() == generation.get() && now.isBefore(snapshot.validUntil())) {
            hits.incrementAndGet();
            return snapshot;
        }
        misses.incrementAndGet();
        long loadedIn = generation.get();
        Page<Activity> page = load.get();
        Instant validUntil = now.plus(ttl);
        for (Activity activity : page.items()) {
            Instant dropBy = activity.expiresAt().minus(CLOCK_MARGIN);
            if (dropBy.isBefore(validUntil)) {
                validUntil = dropBy;
            }
        }
        Snapshot fresh = new Snapshot(page, toJson.apply(page), loadedIn, validUntil);
        // Stored only over what this request saw (or nothing): a snapshot another request stored
        // meanwhile may be newer, and an older one would only cause reloads.
        current.compareAndSet(snapshot, fresh);
        return fresh;
    }

    long hits() {
        return hits.get();
    }

    long misses() {
        return misses.get();
    }

    /** After a write commits: nothing loaded before this call is served again. */
    void invalidate() {
        generation.incrementAndGet();
        current.set(null);
    }
}
