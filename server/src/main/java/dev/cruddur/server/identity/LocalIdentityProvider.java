package dev.cruddur.server.identity;

import dev.cruddur.localcognito.BodyReader;
import dev.cruddur.localcognito.CodeSender;
import dev.cruddur.localcognito.LocalCognito;
import dev.cruddur.server.auth.AccessTokenVerifier;
import dev.cruddur.server.auth.RevokedSignIns;
import dev.cruddur.server.auth.TokenRejectedException;
import dev.cruddur.server.auth.UserDirectory;
import dev.cruddur.server.http.Admission;
import dev.cruddur.server.http.ApiException;
import dev.cruddur.server.http.RequestBody;
import dev.cruddur.server.http.ServerBusyException;
import dev.cruddur.server.http.TrustedProxies;
import dev.cruddur.user.UserAttributes;
import dev.cruddur.user.UserRegistration;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * The development identity provider ({@link LocalCognito}) mounted in the server at
 * {@code /local-cognito}. Its tokens are verified as a Cognito pool's are, against the key it
 * holds (no JWK set fetched); what a token cannot say, it answers from its database: which
 * sign-ins have ended, and who an account is.
 */
public final class LocalIdentityProvider implements IdentityProvider {

    private final LocalCognito cognito;
    private final AccessTokenVerifier verifier;
    private final TrustedProxies proxies;

    private LocalIdentityProvider(LocalCognito cognito, TrustedProxies proxies) {
        this.cognito = cognito;
        this.proxies = proxies;
        this.verifier = AccessTokenVerifier.forKeys(cognito.issuer(), LocalCognito.CLIENT_ID, cognito.publicKeys());
    }

    /**
     * See {@link LocalCognito#start}.
     *
     * @param proxies tell whom a request comes from, for the throttles per address
     */
    public static LocalIdentityProvider start(Jdbi jdbi, UserRegistration registration, Path dataDirectory, int port,
                                              Duration tokenLifetime, CodeSender codes, TrustedProxies proxies) {
        return new LocalIdentityProvider(LocalCognito.start(jdbi, registration, dataDirectory, port, tokenLifetime, codes),
                proxies);
    }

    @Override
    public void register(RoutesConfig routes) {
        ClientConfig clientConfig = ClientConfig.local();
        routes.get("/api/config", ctx -> ctx.json(clientConfig));
        routes.post(LocalCognito.PATH, ctx -> cognito.answer(ctx, LocalIdentityProvider::body,
                proxies.clientAddress(ctx.req())), Admission.AFTER_BODY);
        routes.get(LocalCognito.JWKS_PATH, cognito::jwks, Admission.UNCOUNTED);
    }

    /** The server's bounds on a body, refusals said in the provider's terms (it answers them as Cognito would). */
    private static byte[] body(Context ctx) {
        try {
            return RequestBody.read(ctx);
        } catch (ServerBusyException e) {
            throw new BodyReader.Refused(BodyReader.Reason.SERVER_BUSY);
        } catch (HttpResponseException e) {
            throw new BodyReader.Refused(BodyReader.Reason.TOO_LARGE);
        } catch (ApiException e) {
            throw new BodyReader.Refused(BodyReader.Reason.INCOMPLETE);
        }
    }

    @Override
    public AccessTokenVerifier verifier() {
        return verifier;
    }

    @Override
    public RevokedSignIns revokedSignIns() {
        return token -> cognito.hasEnded(token.originJti());
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
        return cognito.account(verifier.verify(accessToken).sub())
                .orElseThrow(() -> TokenRejectedException.invalid("the identity provider no longer accepts the token"));
    }

    @Override
    public String describe() {
        return "development identity provider at " + cognito.issuer()
                + " (app client id " + LocalCognito.CLIENT_ID + ", codes in this log)";
    }

    @Override
    public void close() {
        // nothing held beyond the server's database
    }
}
