package dev.cruddur.server.identity;

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

    /** A refresh token as stored: never the token itself, only its hash. */
    record StoredRefreshToken(String tokenHash, UUID sub, UUID originJti, Instant authTime, Instant expiresAt) {
        @Override
        public String toString() {
            return "StoredRefreshToken[sub=" + sub + ", expiresAt=" + expiresAt + "]";
        }
    }

    @SqlUpdate
    void insert(String tokenHash, UUID sub, UUID originJti, Instant authTime, Instant expiresAt);

    @SqlQuery
    Optional<StoredRefreshToken> find(String tokenHash);
}
