package dev.cruddur.server.identity;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * Refresh tokens: opaque random strings (Cognito's are opaque to clients too), valid for 30
 * days (Cognito's default). Only a SHA-256 of each is stored: with 384 random bits a plain
 * hash is enough, and a leaked table hands out no usable token. Refreshing returns new access
 * and ID tokens but keeps the refresh token, as a Cognito app client without rotation does.
 */
final class RefreshTokens {

    static final Duration LIFETIME = Duration.ofDays(30);
    private static final int RANDOM_BYTES = 48;

    private final Jdbi jdbi;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    RefreshTokens(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /** Stores and returns a new refresh token for this sign-in. */
    String create(Account account, TokenIssuer.Session session) {
        byte[] bytes = new byte[RANDOM_BYTES];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        jdbi.useExtension(RefreshTokenDao.class, dao -> dao.insert(Sha256.hex(token), account.sub(), session.originJti(),
                session.authTime(), session.authTime().plus(LIFETIME)));
        return token;
    }

    /**
     * @return the sign-in the token belongs to, with the account's sub
     * @throws CognitoError {@code NotAuthorizedException} for an unknown or expired token
     */
    RefreshTokenDao.StoredRefreshToken use(String token) {
        Optional<RefreshTokenDao.StoredRefreshToken> stored = token.length() > 4096
                ? Optional.empty()
                : jdbi.withExtension(RefreshTokenDao.class, dao -> dao.find(Sha256.hex(token)));
        RefreshTokenDao.StoredRefreshToken found = stored.orElseThrow(() -> CognitoError.notAuthorized("Invalid Refresh Token"));
        if (!clock.instant().isBefore(found.expiresAt())) {
            throw CognitoError.notAuthorized("Refresh Token has expired");
        }
        return found;
    }
}
