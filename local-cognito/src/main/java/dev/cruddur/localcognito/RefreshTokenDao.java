package dev.cruddur.localcognito;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.locator.UseClasspathSqlLocator;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Refresh tokens by their SHA-256; runs {@code resources/dev/cruddur/server/identity/RefreshTokenDao/<method>.sql}. */
@UseClasspathSqlLocator
@RegisterConstructorMapper(RefreshTokenDao.StoredRefreshToken.class)
interface RefreshTokenDao {

    /**
     * A refresh token as stored: never the token itself, only its hash.
     *
     * @param keyId     the signing key it was issued under; null for a row older than key ids
     * @param revokedAt when it was revoked, or null
     */
    record StoredRefreshToken(String tokenHash, UUID sub, UUID originJti, Instant authTime, Instant expiresAt,
                              String keyId, Instant revokedAt) {
        @Override
        public String toString() {
            return "StoredRefreshToken[sub=" + sub + ", expiresAt=" + expiresAt + ", revokedAt=" + revokedAt + "]";
        }
    }

    @SqlUpdate
    void insert(String tokenHash, UUID sub, UUID originJti, Instant authTime, Instant expiresAt, String keyId);

    @SqlQuery
    Optional<StoredRefreshToken> find(String tokenHash);

    /** @return 1 when it was revoked now, 0 when it is unknown or was revoked before */
    @SqlUpdate
    int revoke(String tokenHash, Revocation because);

    /** Revokes every refresh token of one account; @return how many */
    @SqlUpdate
    int revokeAllOf(UUID sub, Revocation because);

    /** Revokes every refresh token of every account; @return how many */
    @SqlUpdate
    int revokeAll(Revocation because);

    /** Binds the rows that name no signing key to this one; @return how many */
    @SqlUpdate
    int bindUnboundTo(String keyId);

    /** Whether the sign-in with this {@code origin_jti} has a refresh token that is not revoked. */
    @SqlQuery
    boolean isSignInActive(UUID originJti);
}
