package dev.cruddur.server.identity;

import dev.cruddur.server.auth.AccessTokenVerifier;
import dev.cruddur.server.auth.CognitoSettings;
import dev.cruddur.server.auth.IdentityProviderUnavailableException;
import java.net.URI;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The development provider's issuer, and the server's ordinary {@link AccessTokenVerifier} for
 * it. Both contain the port the server listens on ({@code http://localhost:<port>/local-cognito}),
 * which with port 0 exists only once Jetty has bound its socket, after the routes are fixed.
 * So this is bound exactly once, right after the server starts. One atomic reference holds the
 * settings and the verifier together: a request sees both or neither. A request that arrives in
 * the instant before binding gets a 503 (identity provider unavailable, retry), not an NPE.
 */
final class LocalIssuer {

    static final String CLIENT_ID = "cruddur-local";
    static final String PATH = "/local-cognito";
    static final String JWKS_PATH = PATH + "/.well-known/jwks.json";
    /** Not an AWS region: clients need some region name, and this one says where the pool is. */
    static final String REGION = "local";
    /** Shaped like a pool id ({@code <region>_<id>}) because client libraries parse it. */
    static final String USER_POOL_ID = "local_cruddur";

    private record Bound(CognitoSettings settings, AccessTokenVerifier verifier) {
    }

    private final AtomicReference<Bound> bound = new AtomicReference<>();

    /** @throws IllegalStateException when already bound: the issuer of a running server never changes */
    void bind(int port) {
        String issuer = "http://localhost:" + port + PATH;
        CognitoSettings settings = new CognitoSettings(issuer, URI.create("http://localhost:" + port + JWKS_PATH),
                CLIENT_ID, REGION, USER_POOL_ID, URI.create(issuer));
        if (!bound.compareAndSet(null, new Bound(settings, new AccessTokenVerifier(settings)))) {
            throw new IllegalStateException("the development identity provider is bound already");
        }
    }

    /** The issuer's settings: {@code iss}, JWKS URL, app client. */
    CognitoSettings settings() {
        return current().settings();
    }

    /** The verifier every bearer token of the API and every GetUser goes through. */
    AccessTokenVerifier verifier() {
        return current().verifier();
    }

    private Bound current() {
        Bound current = bound.get();
        if (current == null) {
            throw new IdentityProviderUnavailableException("the development identity provider is still starting", null);
        }
        return current;
    }
}
