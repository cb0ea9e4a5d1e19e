package dev.cruddur.server.auth;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Remembers for a minute which {@code users} row a verified token's {@code sub} is, so that a
 * signed-in read, which needs only its reader's uuid (for their likes and reposts), does not look
 * the row up on every request: that lookup made a signed-in page a statement and a round trip
 * dearer than the same page read anonymously (docs/benchmarks.md). Likes and reposts, which
 * need no more than the uuid either, use it too. A sub's row keeps its uuid (the
 * {@code cognito_user_id} is unique, and the server never deletes a person), so the minute only
 * bounds how long a row removed by hand is still named (a like by it then fails its foreign key).
 * Other writes read the whole row every time.
 */
final class RegisteredUserIds {

    static final Duration MAX_AGE = Duration.ofSeconds(60);
    // An entry is a sub and a uuid, about 150 bytes.
    static final int MAX_ENTRIES = 10_000;

    private final Remembered<UUID> remembered;

    RegisteredUserIds(Clock clock) {
        this.remembered = new Remembered<>(clock, MAX_ENTRIES, (userUuid, now) -> now.plus(MAX_AGE));
    }

    /** The uuid of {@code sub}'s row, from memory or from {@code lookUp} (whose exceptions pass through, unremembered). */
    UUID userUuid(String sub, Supplier<UUID> lookUp) {
        return remembered.get(sub, key -> lookUp.get());
    }
}
