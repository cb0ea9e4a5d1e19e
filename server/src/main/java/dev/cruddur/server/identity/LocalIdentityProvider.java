package dev.cruddur.server.identity;

import com.nimbusds.jose.jwk.RSAKey;
import dev.cruddur.server.auth.AccessTokenVerifier;
import dev.cruddur.server.auth.RevokedSignIns;
import dev.cruddur.server.auth.TokenRejectedException;
import dev.cruddur.server.auth.UserDirectory;
import dev.cruddur.user.UserAttributes;
import dev.cruddur.user.UserRegistration;
import io.javalin.config.RoutesConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The development identity provider: accounts in this database, the signing key in
 * {@code <dataDirectory>/local-cognito}, Cognito's protocol at {@code /local-cognito}. It checks
 * the tokens it signed against the key it holds, and knows its own revocations.
 */
public final class LocalIdentityProvider implements IdentityProvider {

    private static final Logger log = LoggerFactory.getLogger(LocalIdentityProvider.class);

    private final LocalIssuer issuer;
    private final LocalCognitoRoutes routes;
    private final SignedInTokens signedInTokens;
    private final Jdbi jdbi;

    private LocalIdentityProvider(LocalIssuer issuer, LocalCognitoRoutes routes, SignedInTokens signedInTokens, Jdbi jdbi) {
        this.issuer = issuer;
        this.routes = routes;
        this.signedInTokens = signedInTokens;
        this.jdbi = jdbi;
    }

    /**
     * @param port          the port the server listens on, which the issuer contains
     * @param tokenLifetime of the access and ID tokens it signs (Cognito's one hour outside tests)
     * @param codes         where confirmation and password-reset codes go ({@link CodeSender#toLog()})
     */
    public static LocalIdentityProvider start(Jdbi jdbi, UserRegistration registration, Path dataDirectory, int port,
                                              Duration tokenLifetime, CodeSender codes) {
        Clock clock = Clock.systemUTC();
        // A new key (the file was deleted: a rotation) ends every sign-in before it signs anything.
        RSAKey key = SigningKeyStore.loadOrCreate(dataDirectory.resolve("local-cognito"), () -> {
            int revoked = RefreshTokens.revokeAllForNewKey(jdbi);
            if (revoked > 0) {
                log.info("New signing key: revoked {} refresh token(s) issued under the old one", revoked);
            }
        });
        TokenIssuer tokens = new TokenIssuer(key, clock, tokenLifetime);
        LocalIssuer issuer = new LocalIssuer(port, tokens.publicKeys());
        PasswordPolicy policy = new PasswordPolicy();
        PasswordHasher hasher = new PasswordHasher();
        OneTimeCodes oneTimeCodes = new OneTimeCodes(clock, codes);
        Throttles throttles = Throttles.standard(clock);
        RefreshTokens refreshTokens = RefreshTokens.forKey(jdbi, clock, key.getKeyID());
        SignedInTokens signedInTokens = new SignedInTokens(issuer, refreshTokens);
        PostConfirmation postConfirmation = new PostConfirmation(registration);
        SignUpFlow signUp = new SignUpFlow(jdbi, registration, postConfirmation, policy, hasher, oneTimeCodes, throttles);
        PasswordResetFlow passwordReset = new PasswordResetFlow(jdbi, postConfirmation, policy, hasher, oneTimeCodes, throttles);
        SignInFlow signIn = new SignInFlow(jdbi, issuer, tokens, refreshTokens, signedInTokens, hasher, throttles, clock);
        SignOutFlow signOut = new SignOutFlow(refreshTokens, signedInTokens);
        return new LocalIdentityProvider(issuer, new LocalCognitoRoutes(signUp, passwordReset, signIn, signOut, tokens),
                signedInTokens, jdbi);
    }

    @Override
    public void register(RoutesConfig routes) {
        ClientConfig clientConfig = ClientConfig.local();
        routes.get("/api/config", ctx -> ctx.json(clientConfig));
        this.routes.register(routes);
    }

    @Override
    public AccessTokenVerifier verifier() {
        return issuer.verifier();
    }

    @Override
    public RevokedSignIns revokedSignIns() {
        return signedInTokens;
    }

    /**
     * Confirmation registers in the same transaction, so an account lacks a row only when someone
     * deleted the row; then its account brings it back, as Cognito's {@code GetUser} would.
     */
    @Override
    public Optional<UserDirectory> directory() {
        return Optional.of(this::attributesOf);
    }

    private UserAttributes attributesOf(String accessToken) {
        UUID sub;
        try {
            sub = UUID.fromString(issuer.verifier().verify(accessToken).sub());
        } catch (IllegalArgumentException e) {
            throw TokenRejectedException.invalid("the token's subject is not one of this provider's accounts");
        }
        return jdbi.withExtension(AccountDao.class, dao -> dao.findBySub(sub))
                .map(Account::attributes)
                .orElseThrow(() -> TokenRejectedException.invalid("the identity provider no longer accepts the token"));
    }

    @Override
    public String describe() {
        return "development identity provider at " + issuer.settings().issuer()
                + " (app client id " + LocalIssuer.CLIENT_ID + ", codes in this log)";
    }

    @Override
    public void close() {
        // nothing held beyond the server's database
    }
}
