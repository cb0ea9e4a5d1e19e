package dev.cruddur.server.identity;

import com.nimbusds.jose.jwk.RSAKey;
import dev.cruddur.server.auth.AccessTokenVerifier;
import dev.cruddur.server.auth.CognitoSettings;
import dev.cruddur.server.auth.CognitoUserDirectory;
import dev.cruddur.server.auth.RevokedSignIns;
import dev.cruddur.user.UserRegistration;
import io.javalin.config.RoutesConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The identity provider the server trusts: a Cognito user pool, or, when none is configured,
 * the development identity provider the server runs itself at {@code /local-cognito}. Either
 * way tokens are checked by one {@link AccessTokenVerifier}, and {@code GET /api/config} tells
 * clients where to sign in.
 */
public final class IdentityProvider {

    private static final Logger log = LoggerFactory.getLogger(IdentityProvider.class);

    private final ClientConfig clientConfig;
    private final String cognitoIssuer;
    private final Optional<AccessTokenVerifier> cognitoVerifier;
    private final Optional<LocalIssuer> localIssuer;
    private final Optional<LocalCognitoRoutes> localRoutes;
    private final Optional<CognitoUserDirectory> directory;
    private final RevokedSignIns revokedSignIns;

    private IdentityProvider(ClientConfig clientConfig, String cognitoIssuer, Optional<AccessTokenVerifier> cognitoVerifier,
                             Optional<LocalIssuer> localIssuer, Optional<LocalCognitoRoutes> localRoutes,
                             Optional<CognitoUserDirectory> directory, RevokedSignIns revokedSignIns) {
        this.clientConfig = clientConfig;
        this.cognitoIssuer = cognitoIssuer;
        this.cognitoVerifier = cognitoVerifier;
        this.localIssuer = localIssuer;
        this.localRoutes = localRoutes;
        this.directory = directory;
        this.revokedSignIns = revokedSignIns;
    }

    /** Cognito mode: tokens from this pool (or look-alike); nothing is served at /local-cognito. */
    public static IdentityProvider cognito(CognitoSettings settings) {
        Optional<CognitoUserDirectory> directory = Optional.ofNullable(settings.endpoint())
                .map(endpoint -> new CognitoUserDirectory(() -> endpoint, settings.region()));
        return new IdentityProvider(ClientConfig.cognito(settings), settings.issuer(), Optional.of(new AccessTokenVerifier(settings)),
                Optional.empty(), Optional.empty(), directory, RevokedSignIns.NONE);
    }

    /**
     * Local mode: accounts in this database, the signing key in {@code <dataDirectory>/local-cognito}.
     * Call {@link #serverStarted} once the server listens.
     *
     * @param tokenLifetime of the access and ID tokens it signs (Cognito's one hour outside tests)
     */
    public static IdentityProvider local(Jdbi jdbi, UserRegistration registration, Path dataDirectory,
                                         Duration tokenLifetime) {
        Clock clock = Clock.systemUTC();
        LocalIssuer issuer = new LocalIssuer();
        PasswordPolicy policy = new PasswordPolicy();
        PasswordHasher hasher = new PasswordHasher();
        OneTimeCodes codes = new OneTimeCodes(clock);
        Throttles throttles = Throttles.standard(clock);
        // A new key (the file was deleted: a rotation) ends every sign-in before it signs anything.
        RSAKey key = SigningKeyStore.loadOrCreate(dataDirectory.resolve("local-cognito"), () -> {
            int revoked = RefreshTokens.revokeAllForNewKey(jdbi);
            if (revoked > 0) {
                log.info("New signing key: revoked {} refresh token(s) issued under the old one", revoked);
            }
        });
        TokenIssuer tokens = new TokenIssuer(key, clock, tokenLifetime);
        RefreshTokens refreshTokens = RefreshTokens.forKey(jdbi, clock, key.getKeyID());
        SignedInTokens signedInTokens = new SignedInTokens(issuer, refreshTokens);
        PostConfirmation postConfirmation = new PostConfirmation(registration);
        SignUpFlow signUp = new SignUpFlow(jdbi, registration, postConfirmation, policy, hasher, codes, throttles);
        PasswordResetFlow passwordReset = new PasswordResetFlow(jdbi, postConfirmation, policy, hasher, codes, throttles);
        SignInFlow signIn = new SignInFlow(jdbi, issuer, tokens, refreshTokens, signedInTokens, hasher, throttles, clock);
        SignOutFlow signOut = new SignOutFlow(refreshTokens, signedInTokens);
        // Confirmation registers in the same transaction, so an account lacks a row only when
        // someone deleted it; then the provider's own GetUser brings it back, as Cognito's would.
        CognitoUserDirectory directory = new CognitoUserDirectory(() -> issuer.settings().endpoint(), null);
        return new IdentityProvider(ClientConfig.local(), null, Optional.empty(), Optional.of(issuer),
                Optional.of(new LocalCognitoRoutes(signUp, passwordReset, signIn, signOut, tokens)), Optional.of(directory),
                signedInTokens);
    }

    /** {@code GET /api/config}, and in local mode the provider's own routes. */
    public void register(RoutesConfig routes) {
        routes.get("/api/config", ctx -> ctx.json(clientConfig));
        localRoutes.ifPresent(local -> local.register(routes));
    }

    /** Binds the development provider's issuer to the port the server now listens on; no-op in Cognito mode. */
    public void serverStarted(int port) {
        localIssuer.ifPresent(issuer -> issuer.bind(port));
    }

    /** The verifier of every bearer token. In local mode it exists from {@link #serverStarted} on. */
    public AccessTokenVerifier verifier() {
        return cognitoVerifier.orElseGet(() -> localIssuer.orElseThrow().verifier());
    }

    /**
     * Which verified access tokens belong to an ended sign-in. In local mode the provider's own
     * revocations; in Cognito mode none are known here (see {@link RevokedSignIns}).
     */
    public RevokedSignIns revokedSignIns() {
        return revokedSignIns;
    }

    /**
     * The pool's GetUser, for registering a signed-in person who has no row; empty when the
     * Cognito pool's API address is unknown (only {@code COGNITO_ISSUER} set, no region).
     */
    public Optional<CognitoUserDirectory> directory() {
        return directory;
    }

    /** For the startup log line. */
    public String describe() {
        return localIssuer.map(issuer -> "development identity provider at " + issuer.settings().issuer()
                        + " (app client id " + LocalIssuer.CLIENT_ID + ", codes in this log)")
                .orElseGet(() -> "Cognito, issuer " + cognitoIssuer);
    }
}
