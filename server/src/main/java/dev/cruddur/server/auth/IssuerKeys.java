package dev.cruddur.server.auth;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.CachingJWKSetSource;
import com.nimbusds.jose.jwk.source.JWKSetCacheRefreshEvaluator;
import com.nimbusds.jose.jwk.source.JWKSetSource;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.jwk.source.RateLimitedJWKSetSource;
import com.nimbusds.jose.jwk.source.URLBasedJWKSetSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import java.net.URL;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The issuer's signing keys: its JWK set, fetched over HTTP, cached, and fetched again when a
 * token names a {@code kid} the cached set does not have (key rotation).
 *
 * <p>The stack is the one {@code JWKSourceBuilder} builds (URL source → rate limiter → cache, no
 * refresh-ahead, so no background threads). Only the top differs from Nimbus's
 * {@code JWKSetBasedJWKSource}: that one throws the same {@link RateLimitReachedException} whether
 * the issuer is unreachable (nothing cached, fetches failing) or merely a refetch for an unknown
 * {@code kid} was refused because one just happened. The first means "try again later" (503), the
 * second "this token's key does not exist" (401), so here the two lookups are kept apart:
 * failing to get the current set is thrown, a refused refetch is "no matching key".
 */
final class IssuerKeys implements JWKSource<SecurityContext> {

    private static final Logger LOG = LoggerFactory.getLogger(IssuerKeys.class);
    // Cognito's JWK set is about 1 KB; a limit keeps a misbehaving endpoint from filling the heap.
    private static final int MAX_JWKS_BYTES = 64 * 1024;

    private final JWKSetSource<SecurityContext> jwkSets;

    IssuerKeys(URL jwksUrl, JwksPolicy policy) {
        int timeout = Math.toIntExact(policy.httpTimeout().toMillis());
        JWKSetSource<SecurityContext> remote =
                new URLBasedJWKSetSource<>(jwksUrl, new DefaultResourceRetriever(timeout, timeout, MAX_JWKS_BYTES));
        JWKSetSource<SecurityContext> rateLimited = new RateLimitedJWKSetSource<>(
                remote, policy.minRefetchInterval().toMillis(),
                event -> LOG.debug("A JWK set refetch from {} was refused by the rate limit", jwksUrl));
        this.jwkSets = new CachingJWKSetSource<>(
                rateLimited, policy.timeToLive().toMillis(), policy.refreshWait().toMillis(),
                event -> {
                    if (event instanceof CachingJWKSetSource.RefreshCompletedEvent<?> done) {
                        LOG.debug("Fetched the JWK set from {}: {} key(s)", jwksUrl, done.getJWKSet().size());
                    }
                });
    }

    /**
     * @throws KeySourceException when the current JWK set cannot be had (nothing usable cached and
     *                            the fetch failed or was rate limited), or a refetch failed
     */
    @Override
    public List<JWK> get(JWKSelector selector, SecurityContext context) throws KeySourceException {
        long now = System.currentTimeMillis();
        JWKSet current = jwkSets.getJWKSet(JWKSetCacheRefreshEvaluator.noRefresh(), now, context);
        List<JWK> matches = selector.select(current);
        if (!matches.isEmpty()) {
            return matches;
        }
        try {
            // Refetches unless another request has already replaced the set we looked at.
            JWKSet refreshed = jwkSets.getJWKSet(JWKSetCacheRefreshEvaluator.referenceComparison(current), now, context);
            return selector.select(refreshed);
        } catch (RateLimitReachedException e) {
            // A fetch already happened in this rate limit window and the key was not in what we
            // hold: the token names a key the issuer does not have (or did not have a moment ago).
            return List.of();
        }
    }
}
