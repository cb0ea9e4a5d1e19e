package dev.cruddur.server.identity;

import dev.cruddur.server.SentCodes;
import dev.cruddur.testkit.account.AccountClient;
import java.net.URI;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthenticationResultType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.SignUpResponse;

/**
 * The real AWS SDK v2 Cognito client, pointed at a server's development identity provider the
 * way a developer would point it (endpoint override, no credentials: these actions are public
 * in Cognito too), with the few calls the tests repeat: for the tests that mean to go through
 * the SDK. Plain HTTP clients use {@link AccountClient}, with the same client and password.
 */
final class LocalCognitoSdk implements AutoCloseable {

    static final String CLIENT_ID = AccountClient.CLIENT_ID;
    static final String PASSWORD = AccountClient.PASSWORD;

    final CognitoIdentityProviderClient sdk;

    LocalCognitoSdk(int port) {
        this.sdk = CognitoIdentityProviderClient.builder()
                .endpointOverride(URI.create("http://localhost:" + port + "/local-cognito"))
                .region(Region.US_EAST_1)
                .credentialsProvider(AnonymousCredentialsProvider.create())
                .httpClient(UrlConnectionHttpClient.create())
                // One attempt: an error the provider answers must reach the test as it is.
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    SignUpResponse signUp(String email, String password, String name, String handle) {
        return sdk.signUp(b -> b.clientId(CLIENT_ID).username(email).password(password).userAttributes(
                attribute("email", email), attribute("name", name), attribute("preferred_username", handle)));
    }

    static AttributeType attribute(String name, String value) {
        return AttributeType.builder().name(name).value(value).build();
    }

    void confirm(String email, String code) {
        sdk.confirmSignUp(b -> b.clientId(CLIENT_ID).username(email).confirmationCode(code));
    }

    /** Signs up and confirms with the code the server sent ({@link SentCodes}). */
    SignUpResponse signUpAndConfirm(String email, String name, String handle) {
        SignUpResponse response = signUp(email, PASSWORD, name, handle);
        confirm(email, SentCodes.confirmationCode(email));
        return response;
    }

    AuthenticationResultType signIn(String email, String password) {
        return sdk.initiateAuth(b -> b.clientId(CLIENT_ID).authFlow(AuthFlowType.USER_PASSWORD_AUTH)
                .authParameters(Map.of("USERNAME", email, "PASSWORD", password))).authenticationResult();
    }

    AuthenticationResultType refresh(String refreshToken) {
        return sdk.initiateAuth(b -> b.clientId(CLIENT_ID).authFlow(AuthFlowType.REFRESH_TOKEN_AUTH)
                .authParameters(Map.of("REFRESH_TOKEN", refreshToken))).authenticationResult();
    }

    @Override
    public void close() {
        sdk.close();
    }
}
