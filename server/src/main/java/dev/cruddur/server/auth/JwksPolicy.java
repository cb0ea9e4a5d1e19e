package dev.cruddur.server.auth;

import java.time.Duration;
import java.util.Objects;

/**
 * How the issuer's JWK set is fetched and cached.
 *
 * @param timeToLive         how long a fetched JWK set is used before it is fetched again; a key the
 *                           issuer withdraws is still trusted for up to this long
 * @param minRefetchInterval the rate limit window: at most two fetches start in one window (Nimbus's
 *                           {@code RateLimitedJWKSetSource}), so tokens with made-up {@code kid}s cannot
 *                           turn into a flood of requests to the issuer
 * @param httpTimeout        connect and read timeout of one fetch
 */
record JwksPolicy(Duration timeToLive, Duration minRefetchInterval, Duration httpTimeout) {

    /** Cognito rarely rotates keys, and an unknown kid triggers a refetch anyway, so the TTL can be long. */
    static final JwksPolicy DEFAULT = new JwksPolicy(Duration.ofMinutes(15), Duration.ofSeconds(10), Duration.ofSeconds(2));

    JwksPolicy {
        Objects.requireNonNull(timeToLive, "timeToLive");
        Objects.requireNonNull(minRefetchInterval, "minRefetchInterval");
        Objects.requireNonNull(httpTimeout, "httpTimeout");
        // Same rule as JWKSourceBuilder: otherwise the rate limiter could block the refetch of an expired set.
        if (minRefetchInterval.compareTo(timeToLive) >= 0) {
            throw new IllegalArgumentException("the minimum refetch interval must be shorter than the time to live");
        }
        if (httpTimeout.isNegative() || httpTimeout.isZero()) {
            throw new IllegalArgumentException("the HTTP timeout must be positive");
        }
    }

    /**
     * How long a request waits for a fetch that another request started: a fetch takes at most a
     * connect plus a read timeout, and waiting longer than that only piles up blocked threads.
     */
    Duration refreshWait() {
        return httpTimeout.multipliedBy(2).plusMillis(500);
    }
}
