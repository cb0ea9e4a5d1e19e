package dev.cruddur.server.auth;

import dev.cruddur.user.UserAttributes;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.GetUserResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.NotAuthorizedException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserNotFoundException;

/**
 * Asks the user pool who the bearer of an access token is: Cognito's {@code GetUser}, which is
 * authorised by the access token itself (no AWS credentials, no signing). Access tokens carry
 * no name or handle, so this is how the server learns them for a person the sign-up trigger
 * never registered.
 */
public final class CognitoUserDirectory implements UserDirectory, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CognitoUserDirectory.class);
    // Any region will do with an explicit endpoint; the SDK insists on one.
    private static final String FALLBACK_REGION = "us-east-1";

    private final URI endpoint;
    private final String region;
    private volatile CognitoIdentityProviderClient client;

    /**
     * @param endpoint where the pool's API answers
     * @param region   the pool's region, null when unknown
     */
    public CognitoUserDirectory(URI endpoint, String region) {
        this.endpoint = endpoint;
        this.region = region == null || region.isBlank() ? FALLBACK_REGION : region;
    }

    @Override
    public UserAttributes attributesOf(String accessToken) {
        GetUserResponse response;
        try {
            response = client().getUser(request -> request.accessToken(accessToken));
        } catch (NotAuthorizedException | UserNotFoundException e) {
            throw TokenRejectedException.invalid("the identity provider no longer accepts the token");
        } catch (SdkException e) {
            // Connection refused, timeouts, throttling, 5xx, or a misconfigured endpoint: not the
            // client's fault, and nothing they can fix; the operator finds the cause in the log.
            throw new IdentityProviderUnavailableException("GetUser at " + endpoint + " failed: " + e.getMessage(), e);
        }
        Map<String, String> attributes = new HashMap<>();
        for (AttributeType attribute : response.userAttributes()) {
            attributes.putIfAbsent(attribute.name(), attribute.value());
        }
        return UserAttributes.fromCognito(attributes);
    }

    // Built on first use: starting the SDK costs a few hundred milliseconds, and a server whose
    // trigger works never needs it.
    private CognitoIdentityProviderClient client() {
        CognitoIdentityProviderClient current = client;
        if (current == null) {
            synchronized (this) {
                current = client;
                if (current == null) {
                    log.debug("Creating the Cognito client for {}", endpoint);
                    current = CognitoIdentityProviderClient.builder()
                            .endpointOverride(endpoint)
                            .region(Region.of(region))
                            .credentialsProvider(AnonymousCredentialsProvider.create())
                            .httpClientBuilder(UrlConnectionHttpClient.builder()
                                    .connectionTimeout(Duration.ofSeconds(2))
                                    .socketTimeout(Duration.ofSeconds(3)))
                            .overrideConfiguration(config -> config.apiCallTimeout(Duration.ofSeconds(5)))
                            .build();
                    client = current;
                }
            }
        }
        return current;
    }

    @Override
    public synchronized void close() {
        if (client != null) {
            client.close();
            client = null;
        }
    }
}
