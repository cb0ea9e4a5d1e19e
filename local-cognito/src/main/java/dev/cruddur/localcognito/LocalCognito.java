package dev.cruddur.localcognito;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import dev.cruddur.user.UserAttributes;
import dev.cruddur.user.UserRegistration;
import io.javalin.http.Context;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The development identity provider: a stand-in for a Cognito user pool, so that Cruddur runs
 * with no AWS account. Accounts are in the server's database (schema {@link #MIGRATIONS}), the
 * signing key in {@code <dataDirectory>/local-cognito}, and Cognito's user-pool JSON protocol is
 * answered at {@link #PATH}, so the AWS SDKs and the web app talk to it as to Cognito. The server
 * mounts it ({@link #answer}, {@link #jwks}) and checks its tokens as any Cognito pool's, from
 * {@link #issuer()} and {@link #publicKeys()}; what a JWT cannot say (a sign-in that has ended, who
 * an account is) it answers from its database.
 */
public final class LocalCognito {

    /** The one app client. */
    public static final String CLIENT_ID = "cruddur-local";
    /** Where the server mounts the protocol. */
    public static final String PATH = "/local-cognito";
    public static final String JWKS_PATH = PATH + "/.well-known/jwks.json";
    /** Not an AWS region: clients need some region name, and this one says where the pool is. */
    public static final String REGION = "local";
    /** Shaped like a pool id ({@code <region>_<id>}) because client libraries parse it. */
    public static final String USER_POOL_ID = "local_cruddur";
    /** Its tables' migrations, with a Flyway history of their own: only a database it runs on has them. */
    public static final String MIGRATIONS = "classpath:db/local-cognito";
    public static final String MIGRATIONS_HISTORY = "local_cognito_schema_history";

    private static final Logger log = LoggerFactory.getLogger(LocalCognito.class);

    private final LocalIssuer issuer;
    private final TokenIssuer tokens;
    private final CognitoProtocol protocol;
    private final SignedInTokens signedInTokens;
    private final Jdbi jdbi;

    private LocalCognito(LocalIssuer issuer, TokenIssuer tokens, CognitoProtocol protocol, SignedInTokens signedInTokens,
                         Jdbi jdbi) {
        this.issuer = issuer;
        this.tokens = tokens;
        this.protocol = protocol;
        this.signedInTokens = signedInTokens;
        this.jdbi = jdbi;
    }

    /**
     * @param registration  registers a person in the same transaction that confirms their account
     * @param port          the port the server listens on, which the issuer contains
     * @param tokenLifetime of the access and ID tokens it signs (Cognito's one hour outside tests)
     * @param codes         where confirmation and password-reset codes go ({@link CodeSender#toLog()})
     */
    public static LocalCognito start(Jdbi jdbi, UserRegistration registration, Path dataDirectory, int port,
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
        return new LocalCognito(issuer, tokens, new CognitoProtocol(signUp, passwordReset, signIn, signOut), signedInTokens,
                jdbi);
    }

    /**
     * {@code POST} {@link #PATH}: one action of Cognito's protocol, every answer in its shape.
     * Its sender is the connection's peer: forwarding headers are anyone's to write.
     */
    public void answer(Context ctx, BodyReader bodies) {
        answer(ctx, bodies, ctx.req().getRemoteAddr());
    }

    /**
     * As {@link #answer(Context, BodyReader)}, sent by {@code clientAddress}: an IP literal the
     * server has established itself (the peer, or the client a trusted load balancer forwards for).
     */
    public void answer(Context ctx, BodyReader bodies, String clientAddress) {
        protocol.handle(ctx, bodies, clientAddress);
    }

    /** {@code GET} {@link #JWKS_PATH}: the public signing key. */
    public void jwks(Context ctx) {
        ctx.contentType("application/json").result(publicKeys().toString());
    }

    /** {@code iss} of its tokens: {@code http://localhost:<port>/local-cognito}. */
    public String issuer() {
        return issuer.issuer();
    }

    /** The public half of the signing key. */
    public JWKSet publicKeys() {
        return tokens.publicKeys();
    }

    /**
     * Whether the sign-in a genuine access token belongs to ({@code origin_jti}) has ended:
     * signed out, password reset, key rotated. True when the token names none.
     */
    public boolean hasEnded(String originJti) {
        return signedInTokens.hasEnded(originJti);
    }

    /** Who the account with this {@code sub} is, as Cognito's {@code GetUser} would say; empty when there is none. */
    public Optional<UserAttributes> account(String sub) {
        return SignedInTokens.uuid(sub)
                .flatMap(id -> jdbi.withExtension(AccountDao.class, dao -> dao.findBySub(id)))
                .map(Account::attributes);
    }
}
