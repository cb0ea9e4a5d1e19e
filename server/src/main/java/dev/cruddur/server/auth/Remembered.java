package dev.cruddur.server.auth;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * What a lookup answered for a key, kept until a deadline set from the answer: the memory of the
 * authenticator's caches ({@link VerifiedTokens}, {@link RegisteredUserIds}). Only answers are
 * kept; a lookup's exception passes through and leaves nothing behind. Bounded: when full, it
 * starts again from empty, which is simple, and at worst every call looks up, as without it.
 *
 * @param <V> what a lookup answers
 */
final class Remembered<V> {

    private record Entry<V>(V value, Instant usableUntil) {
    }

    private final Map<String, Entry<V>> entries = new ConcurrentHashMap<>();
    private final Clock clock;
    private final int maxEntries;
    private final BiFunction<V, Instant, Instant> usableUntil;

    /** @param usableUntil from an answer and the moment it was looked up, until when it may be used */
    Remembered(Clock clock, int maxEntries, BiFunction<V, Instant, Instant> usableUntil) {
        this.clock = clock;
        this.maxEntries = maxEntries;
        this.usableUntil = usableUntil;
    }

    /** The answer for {@code key}: from memory before its deadline, else from {@code lookUp}. */
    V get(String key, Function<String, V> lookUp) {
        Instant now = clock.instant();
        Entry<V> entry = entries.get(key);
        if (entry != null && now.isBefore(entry.usableUntil())) {
            return entry.value();
        }
        V value = lookUp.apply(key);
        if (entries.size() >= maxEntries) {
            entries.clear();
        }
        entries.put(key, new Entry<>(value, usableUntil.apply(value, now)));
        return value;
    }
}
