package dev.cruddur.server.identity;

import com.nimbusds.jose.jwk.JWKSet;
import dev.cruddur.server.auth.AccessTokenVerifier;
import dev.cruddur.server.auth.CognitoSettings;
import java.net.URI;

/**
 * The development provider's issuer ({@code http://localhost:<port>/local-cognito}, as Cognito's
 * contains its pool) and the verifier of the tokens it signs. The server's socket is bound before
 * this is made, so the port is the real one even when port 0 was asked for. The verifier checks
 * signatures against the key the provider holds: it never fetches its own JWK set.
 */
final class LocalIssuer {

    static final String CLIENT_ID = "cruddur-local";
    static final String PATH = "/local-cognito";
    static final String JWKS_PATH = PATH + "/.well-known/jwks.json";
    /** Not an AWS region: clients need some region name, and this one says where the pool is. */
    static final String REGION = "local";
    /** Shaped like a pool id ({@code <region>_<id>}) because client libraries parse it. */
    static final String USER_POOL_ID = "local_cruddur";

    private final CognitoSettings settings;
    private final AccessTokenVerifier verifier;

    /** @param port the port the server listens on */
    LocalIssuer(int port, JWKSet publicKeys) {
        String issuer = "http://localhost:" + port + PATH;
        this.settings = new CognitoSettings(issuer, URI.create("http://localhost:" + port + JWKS_PATH),
                CLIENT_ID, REGION, USER_POOL_ID, URI.create(issuer));
        this.verifier = AccessTokenVerifier.forKeys(issuer, CLIENT_ID, publicKeys);
    }

    /** The issuer's settings: {@code iss}, JWKS URL, app client. */
    CognitoSettings settings() {
        return settings;
    }

    /** The verifier every bearer token of the API and every GetUser goes through. */
    AccessTokenVerifier verifier() {
        return verifier;
    }
}
