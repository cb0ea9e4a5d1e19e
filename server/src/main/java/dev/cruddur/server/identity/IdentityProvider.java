package dev.cruddur.server.identity;

import dev.cruddur.server.auth.AccessTokenVerifier;
import dev.cruddur.server.auth.RevokedSignIns;
import dev.cruddur.server.auth.UserDirectory;
import io.javalin.config.RoutesConfig;
import java.util.Optional;

/**
 * The identity provider the server trusts: a Cognito user pool ({@link CognitoIdentityProvider}),
 * or, when none is configured, the development identity provider the server runs itself at
 * {@code /local-cognito} ({@link LocalIdentityProvider}). Either way tokens are checked by one
 * {@link AccessTokenVerifier}, and {@code GET /api/config} tells clients where to sign in.
 */
public interface IdentityProvider extends AutoCloseable {

    /** {@code GET /api/config}, and in local mode the provider's own routes. */
    void register(RoutesConfig routes);

    /** The verifier of every bearer token. */
    AccessTokenVerifier verifier();

    /** Which verified access tokens belong to an ended sign-in. */
    RevokedSignIns revokedSignIns();

    /**
     * Who a signed-in person without a row is, to register them; empty when the provider cannot
     * be asked (a Cognito pool whose API address is unknown: only {@code COGNITO_ISSUER} set).
     */
    Optional<UserDirectory> directory();

    /** For the startup log line. */
    String describe();

    /** Releases what the provider holds (a Cognito client); the database is the server's to close. */
    @Override
    void close();
}
