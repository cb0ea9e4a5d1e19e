package dev.cruddur.server.identity;

import static dev.cruddur.server.identity.LocalCognitoSdk.CLIENT_ID;
import static dev.cruddur.server.identity.LocalCognitoSdk.PASSWORD;
import static dev.cruddur.server.identity.LocalIdentityProviderTest.assertCognitoError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cruddur.server.SentCodes;
import dev.cruddur.server.ServerPerClass;
import dev.cruddur.testkit.http.ApiClient.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthenticationResultType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.GlobalSignOutResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InvalidParameterException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.NotAuthorizedException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.RevokeTokenResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UnauthorizedException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UnsupportedTokenTypeException;

/**
 * Ending sessions, through the real AWS SDK v2 Cognito client: {@code RevokeToken} ends one
 * sign-in, {@code GlobalSignOut} and a confirmed password reset end all of a person's sign-ins.
 * Ended means the refresh token mints nothing any more, and the access tokens of those sign-ins
 * are refused by GetUser (as Cognito refuses them) and by the API.
 */
class LocalTokenRevocationTest {

    @RegisterExtension
    static final ServerPerClass app = ServerPerClass.withLocalIdentity();

    private static LocalCognitoSdk cognito;

    @BeforeAll
    static void start() {
        cognito = app.closeAfterAll(new LocalCognitoSdk(app.server().port()));
    }

    @Test
    void revokeTokenEndsThatSignInAndNoOther() {
        String email = "leaving@example.com";
        cognito.signUpAndConfirm(email, "Leaving", "leaving");
        AuthenticationResultType laptop = cognito.signIn(email, PASSWORD);
        AuthenticationResultType phone = cognito.signIn(email, PASSWORD);
        String refreshed = cognito.refresh(laptop.refreshToken()).accessToken();
        assertThat(posted(refreshed)).isEqualTo(201);

        RevokeTokenResponse revoked = cognito.sdk.revokeToken(b -> b.clientId(CLIENT_ID).token(laptop.refreshToken()));

        assertThat(revoked.sdkHttpResponse().statusCode()).isEqualTo(200);
        assertCognitoError(() -> cognito.refresh(laptop.refreshToken()), NotAuthorizedException.class,
                "Refresh Token has been revoked");
        // Every access token of that sign-in: the first one and the one the refresh minted.
        for (String accessToken : new String[] {laptop.accessToken(), refreshed}) {
            assertCognitoError(() -> cognito.sdk.getUser(b -> b.accessToken(accessToken)), NotAuthorizedException.class,
                    "Access Token has been revoked");
            assertThat(posted(accessToken)).isEqualTo(401);
        }
        // The other sign-in goes on.
        assertThat(posted(phone.accessToken())).isEqualTo(201);
        assertThat(posted(cognito.refresh(phone.refreshToken()).accessToken())).isEqualTo(201);

        // Revoking again, or a token nobody issued, changes nothing and says so no differently
        // (RFC 7009, as Cognito's revocation endpoint): the token does not work either way.
        cognito.sdk.revokeToken(b -> b.clientId(CLIENT_ID).token(laptop.refreshToken()));
        cognito.sdk.revokeToken(b -> b.clientId(CLIENT_ID).token("bm90LWEtdG9rZW4"));
        assertThat(posted(phone.accessToken())).isEqualTo(201);
    }

    @Test
    void revokeTokenRefusesWhatIsNotOneOfThisClientsRefreshTokens() {
        String email = "careful.revoker@example.com";
        cognito.signUpAndConfirm(email, "Careful", "careful_revoker");
        AuthenticationResultType tokens = cognito.signIn(email, PASSWORD);

        assertCognitoError(() -> cognito.sdk.revokeToken(b -> b.clientId(CLIENT_ID).token(tokens.accessToken())),
                UnsupportedTokenTypeException.class, "Unsupported token type: only refresh tokens can be revoked.");
        assertCognitoError(() -> cognito.sdk.revokeToken(b -> b.clientId(CLIENT_ID).token(tokens.idToken())),
                UnsupportedTokenTypeException.class, "Unsupported token type: only refresh tokens can be revoked.");
        assertCognitoError(() -> cognito.sdk.revokeToken(b -> b.clientId("someone-else").token(tokens.refreshToken())),
                UnauthorizedException.class, "The token was not issued to this client.");
        assertCognitoError(() -> cognito.sdk.revokeToken(b -> b.clientId(CLIENT_ID).clientSecret("a-secret-the-client-never-had")
                .token(tokens.refreshToken())), UnauthorizedException.class, "Client cruddur-local has no client secret.");
        assertCognitoError(() -> cognito.sdk.revokeToken(b -> b.clientId(CLIENT_ID).token("not a token!")),
                InvalidParameterException.class, "1 validation error detected: Value at 'token' failed to satisfy"
                        + " constraint: Member must satisfy regular expression pattern: [A-Za-z0-9-_=.]+");
        assertCognitoError(() -> cognito.sdk.revokeToken(b -> b.clientId(CLIENT_ID)), InvalidParameterException.class,
                "1 validation error detected: Value null at 'token' failed to satisfy constraint: Member must not be null");

        // None of those revoked anything.
        assertThat(posted(cognito.refresh(tokens.refreshToken()).accessToken())).isEqualTo(201);
    }

    @Test
    void globalSignOutEndsEverySignInOfThatPersonOnly() {
        String email = "everywhere@example.com";
        cognito.signUpAndConfirm(email, "Everywhere", "everywhere");
        cognito.signUpAndConfirm("bystander@example.com", "Bystander", "bystander");
        AuthenticationResultType laptop = cognito.signIn(email, PASSWORD);
        AuthenticationResultType phone = cognito.signIn(email, PASSWORD);
        AuthenticationResultType bystander = cognito.signIn("bystander@example.com", PASSWORD);
        String phoneRefreshed = cognito.refresh(phone.refreshToken()).accessToken();

        GlobalSignOutResponse signedOut = cognito.sdk.globalSignOut(b -> b.accessToken(laptop.accessToken()));

        assertThat(signedOut.sdkHttpResponse().statusCode()).isEqualTo(200);
        for (AuthenticationResultType session : new AuthenticationResultType[] {laptop, phone}) {
            assertCognitoError(() -> cognito.refresh(session.refreshToken()), NotAuthorizedException.class,
                    "Refresh Token has been revoked");
        }
        for (String accessToken : new String[] {laptop.accessToken(), phone.accessToken(), phoneRefreshed}) {
            assertCognitoError(() -> cognito.sdk.getUser(b -> b.accessToken(accessToken)), NotAuthorizedException.class,
                    "Access Token has been revoked");
            assertThat(posted(accessToken)).isEqualTo(401);
        }
        assertCognitoError(() -> cognito.sdk.globalSignOut(b -> b.accessToken(phone.accessToken())),
                NotAuthorizedException.class, "Access Token has been revoked");
        assertCognitoError(() -> cognito.sdk.globalSignOut(b -> b.accessToken("eyJub3QiOiJhIHRva2VuIn0.e30.c2ln")),
                NotAuthorizedException.class, "Invalid Access Token");
        assertCognitoError(() -> cognito.sdk.globalSignOut(b -> b.accessToken(laptop.idToken())),
                NotAuthorizedException.class, "Invalid Access Token");

        assertThat(posted(bystander.accessToken())).isEqualTo(201);
        assertThat(posted(cognito.refresh(bystander.refreshToken()).accessToken())).isEqualTo(201);
        // Signing in again starts a new session.
        AuthenticationResultType again = cognito.signIn(email, PASSWORD);
        assertThat(posted(again.accessToken())).isEqualTo(201);
        assertThat(posted(cognito.refresh(again.refreshToken()).accessToken())).isEqualTo(201);
    }

    @Test
    void aConfirmedPasswordResetEndsEverySignInFromBeforeIt() {
        String email = "reset.revokes@example.com";
        cognito.signUpAndConfirm(email, "Reset", "reset_revokes");
        AuthenticationResultType before = cognito.signIn(email, PASSWORD);
        assertThat(posted(cognito.refresh(before.refreshToken()).accessToken())).isEqualTo(201);

        cognito.sdk.forgotPassword(b -> b.clientId(CLIENT_ID).username(email));
        // Asking for a code ends nothing: anyone can ask for one.
        assertThat(posted(cognito.refresh(before.refreshToken()).accessToken())).isEqualTo(201);
        String newPassword = "N3w+password";
        cognito.sdk.confirmForgotPassword(b -> b.clientId(CLIENT_ID).username(email)
                .confirmationCode(SentCodes.passwordResetCode(email)).password(newPassword));

        assertCognitoError(() -> cognito.refresh(before.refreshToken()), NotAuthorizedException.class,
                "Refresh Token has been revoked");
        assertThat(posted(before.accessToken())).isEqualTo(401);
        AuthenticationResultType after = cognito.signIn(email, newPassword);
        assertThat(posted(cognito.refresh(after.refreshToken()).accessToken())).isEqualTo(201);
    }

    private static int posted(String accessToken) {
        Response response = app.api().postJson("/api/activities", "{\"message\":\"still here?\",\"ttl\":\"1-hour\"}", accessToken);
        if (response.status() == 401) {
            assertThat(response.json().get("error").asText()).isEqualTo("token_invalid");
        }
        return response.status();
    }
}
