package dev.cruddur.server.auth;

import java.time.Instant;
import java.util.Objects;

/**
 * What a verified Cognito access token says about its bearer. The raw token is deliberately not
 * kept: it is a credential, and records end up in logs via {@code toString()}.
 *
 * @param sub       the user's stable id ({@code users.cognito_user_id})
 * @param username  the {@code username} claim, may be null
 * @param clientId  the app client the token was issued to
 * @param expiresAt when the token stops being accepted
 * @param originJti the sign-in the token belongs to ({@code origin_jti}), shared by every token of
 *                  that sign-in and its refreshes; null when the issuer does not say
 */
public record VerifiedToken(String sub, String username, String clientId, Instant expiresAt, String originJti) {

    public VerifiedToken {
        Objects.requireNonNull(sub, "sub");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }
}
