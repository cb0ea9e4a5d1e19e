package dev.cruddur.server.identity;

import dev.cruddur.server.auth.AccessTokenVerifier;
import dev.cruddur.server.auth.CognitoSettings;
import dev.cruddur.server.auth.CognitoUserDirectory;
import dev.cruddur.server.auth.RevokedSignIns;
import dev.cruddur.server.auth.UserDirectory;
import io.javalin.config.RoutesConfig;
import java.util.Optional;

/**
 * A Cognito user pool (or a look-alike at {@code COGNITO_ISSUER}): its JWK set verifies the
 * tokens, its {@code GetUser} names a person the sign-up trigger missed. Cognito's revocations
 * are known to Cognito's own APIs only ({@link RevokedSignIns#NONE}).
 */
public final class CognitoIdentityProvider implements IdentityProvider {

    private final CognitoSettings settings;
    private final ClientConfig clientConfig;
    private final AccessTokenVerifier verifier;
    private final Optional<CognitoUserDirectory> directory;

    /** Cognito mode: tokens from this pool (or look-alike); nothing is served at /local-cognito. */
    public CognitoIdentityProvider(CognitoSettings settings) {
        this.settings = settings;
        this.clientConfig = ClientConfig.cognito(settings);
        this.verifier = new AccessTokenVerifier(settings);
        this.directory = Optional.ofNullable(settings.endpoint())
                .map(endpoint -> new CognitoUserDirectory(endpoint, settings.region()));
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get("/api/config", ctx -> ctx.json(clientConfig));
    }

    @Override
    public AccessTokenVerifier verifier() {
        return verifier;
    }

    @Override
    public RevokedSignIns revokedSignIns() {
        return RevokedSignIns.NONE;
    }

    @Override
    public Optional<UserDirectory> directory() {
        return directory.map(UserDirectory.class::cast);
    }

    @Override
    public String describe() {
        return "Cognito, issuer " + settings.issuer();
    }

    @Override
    public void close() {
        directory.ifPresent(CognitoUserDirectory::close);
    }
}
