package dev.cruddur.server.auth;

import dev.cruddur.server.http.ApiException;
import dev.cruddur.user.User;
import dev.cruddur.user.Users;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

/**
 * Who is calling: the {@code users} row whose {@code cognito_user_id} is the verified access
 * token's {@code sub}, registered on the spot when it is missing. A write is attributed to that
 * user and to no one else.
 */
public final class Authenticator {

    /** The request attribute that holds the signed-in person's uuid once they are identified. */
    private static final String SIGNED_IN = Authenticator.class.getName() + ".signedIn";

    private final AccessTokenVerifier verifier;
    private final Users users;
    private final Optional<SelfRegistration> selfRegistration;
    private final RevokedSignIns revokedSignIns;
    private final VerifiedTokens verifiedTokens;
    private final RegisteredUserIds userIds;

    /**
     * @param verifier         the verifier of the configured issuer: Cognito's, or the development
     *                         identity provider's
     * @param selfRegistration empty when the user pool's API cannot be reached from here: then a
     *                         person without a row gets 403 {@code user_not_registered}
     * @param revokedSignIns   asked on every request, after the (cached) verification, so that a
     *                         token stops working the moment its sign-in is ended
     */
    public Authenticator(AccessTokenVerifier verifier, Users users, Optional<SelfRegistration> selfRegistration,
                         RevokedSignIns revokedSignIns) {
        this(verifier, users, selfRegistration, revokedSignIns, Clock.systemUTC());
    }

    Authenticator(AccessTokenVerifier verifier, Users users, Optional<SelfRegistration> selfRegistration,
                  RevokedSignIns revokedSignIns, Clock clock) {
        this.verifier = verifier;
        this.users = users;
        this.selfRegistration = selfRegistration;
        this.revokedSignIns = revokedSignIns;
        this.verifiedTokens = new VerifiedTokens(clock);
        this.userIds = new RegisteredUserIds(clock);
    }

    /**
     * @throws ApiException 401 without a usable bearer token, 403 {@code user_not_registered}
     *                      for a valid token whose user has no row and cannot be registered
     * @throws TokenRejectedException 401 for a token that fails verification or whose sign-in has ended
     * @throws IdentityProviderUnavailableException 503 when the user pool cannot be asked
     */
    public User requireUser(Context ctx) {
        String token = bearerToken(ctx);
        User user = userOf(token, verified(token));
        ctx.attribute(SIGNED_IN, user.uuid());
        return user;
    }

    /** Whom this request was found to come from ({@link #requireUser}, {@link #requireUserUuid}); empty: nobody yet. */
    public static Optional<UUID> signedIn(Context ctx) {
        return Optional.ofNullable(ctx.attribute(SIGNED_IN));
    }

    /**
     * Who reads, as the uuid their likes and reposts are looked up by: anyone without an
     * {@code Authorization} header reads anonymously; one who sends a token must send a good one
     * (as for {@link #requireUser}), so a stale token is told so rather than quietly read as nobody.
     */
    public Optional<UUID> optionalUserUuid(Context ctx) {
        return ctx.header("Authorization") == null ? Optional.empty() : Optional.of(requireUserUuid(ctx));
    }

    /**
     * Who reads a page only a signed-in person has (their following timeline, their
     * notifications), or likes or reposts, as their uuid: the checks of {@link #requireUser}, and
     * the uuid from {@link RegisteredUserIds} when the same {@code sub} was looked up in the last
     * minute.
     */
    public UUID requireUserUuid(Context ctx) {
        String token = bearerToken(ctx);
        VerifiedToken verified = verified(token);
        UUID uuid = userIds.userUuid(verified.sub(), () -> userOf(token, verified).uuid());
        ctx.attribute(SIGNED_IN, uuid);
        return uuid;
    }

    private static String bearerToken(Context ctx) {
        return BearerToken.fromAuthorizationHeader(ctx.header("Authorization"))
                .orElseThrow(() -> new ApiException(401, "token_missing",
                        "Sign in first: send Authorization: Bearer <access token>."));
    }

    /** Verified (from the cache or the verifier), and its sign-in not ended: asked on every request. */
    private VerifiedToken verified(String token) {
        VerifiedToken verified = verifiedTokens.verify(token, verifier::verify);
        if (revokedSignIns.isRevoked(verified)) {
            throw TokenRejectedException.revoked();
        }
        return verified;
    }

    private User userOf(String token, VerifiedToken verified) {
        return users.byCognitoUserId(verified.sub()).orElseGet(() -> selfRegistration
                .orElseThrow(() -> new ApiException(403, "user_not_registered",
                        "Your account is signed in but has no Cruddur profile yet; the sign-up trigger has not registered it."))
                .register(token, verified));
    }
}
