package dev.cruddur.localcognito;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * Refresh tokens: opaque random strings (Cognito's are opaque to clients too), valid for 30
 * days (Cognito's default). Only a SHA-256 of each is stored: with 384 random bits a plain
 * hash is enough, and a leaked table hands out no usable token. Refreshing returns new access
 * and ID tokens but keeps the refresh token, as a Cognito app client without rotation does.
 *
 * <p>One refresh token per sign-in, so its row also stands for the sign-in: revoking it ends
 * the sign-in, and the access tokens of that sign-in (the same {@code origin_jti}) are refused
 * from then on too, as Cognito refuses them. Each token is bound to the signing key it was
 * issued under; a token of another key is treated as revoked.
 */
final class RefreshTokens {

    static final Duration LIFETIME = Duration.ofDays(30);
    private static final int RANDOM_BYTES = 48;
    /** Ours are 64 characters; anything much longer is not one of them and is not worth hashing. */
    private static final int MAX_TOKEN_CHARS = 4096;

    private final Jdbi jdbi;
    private final Clock clock;
    private final String keyId;
    private final SecureRandom random = new SecureRandom();

    private RefreshTokens(Jdbi jdbi, Clock clock, String keyId) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.keyId = keyId;
    }

    /**
     * The refresh tokens of the signing key {@code keyId}, which the server has just read from
     * its file. Rows from before keys were recorded are bound to it: they were issued under it,
     * since {@link #revokeAllForNewKey} runs before any new key is written.
     */
    static RefreshTokens forKey(Jdbi jdbi, Clock clock, String keyId) {
        jdbi.useExtension(RefreshTokenDao.class, dao -> dao.bindUnboundTo(keyId));
        return new RefreshTokens(jdbi, clock, keyId);
    }

    /**
     * A new signing key is about to be made (the old key file is gone): every refresh token
     * issued so far is revoked, so none comes back should the old key ever be restored.
     *
     * @return how many were revoked
     */
    static int revokeAllForNewKey(Jdbi jdbi) {
        return jdbi.withExtension(RefreshTokenDao.class, dao -> dao.revokeAll(Revocation.KEY_ROTATION));
    }

    /** Stores and returns a new refresh token for this sign-in. */
    String create(Account account, TokenIssuer.Session session) {
        byte[] bytes = new byte[RANDOM_BYTES];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        jdbi.useExtension(RefreshTokenDao.class, dao -> dao.insert(Sha256.hex(token), account.sub(), session.originJti(),
                session.authTime(), session.authTime().plus(LIFETIME), keyId));
        return token;
    }

    /**
     * @return the sign-in the token belongs to, with the account's sub
     * @throws CognitoError {@code NotAuthorizedException} for an unknown, revoked or expired token
     */
    RefreshTokenDao.StoredRefreshToken use(String token) {
        RefreshTokenDao.StoredRefreshToken found = find(token)
                .orElseThrow(() -> CognitoError.notAuthorized("Invalid Refresh Token"));
        if (found.revokedAt() != null || !keyId.equals(found.keyId())) {
            throw CognitoError.notAuthorized("Refresh Token has been revoked");
        }
        if (!clock.instant().isBefore(found.expiresAt())) {
            throw CognitoError.notAuthorized("Refresh Token has expired");
        }
        return found;
    }

    /** Ends the sign-in of this refresh token; nothing happens for a token that is unknown or revoked already. */
    void revoke(String token) {
        if (token.length() <= MAX_TOKEN_CHARS) {
            jdbi.useExtension(RefreshTokenDao.class, dao -> dao.revoke(Sha256.hex(token), Revocation.REVOKE_TOKEN));
        }
    }

    /** Ends every sign-in of the account. */
    void revokeAllOf(UUID sub, Revocation because) {
        jdbi.useExtension(RefreshTokenDao.class, dao -> dao.revokeAllOf(sub, because));
    }

    /** Whether the sign-in an access token of this {@code origin_jti} belongs to still stands. */
    boolean isSignInActive(UUID originJti) {
        return jdbi.withExtension(RefreshTokenDao.class, dao -> dao.isSignInActive(originJti));
    }

    private Optional<RefreshTokenDao.StoredRefreshToken> find(String token) {
        return token.length() > MAX_TOKEN_CHARS
                ? Optional.empty()
                : jdbi.withExtension(RefreshTokenDao.class, dao -> dao.find(Sha256.hex(token)));
    }
}
