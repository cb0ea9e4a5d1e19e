package dev.cruddur.server.identity;

import dev.cruddur.localcognito.LocalCognito;
import dev.cruddur.server.auth.CognitoSettings;

/**
 * The body of {@code GET /api/config}: what a client (the web UI) needs to sign people in,
 * in either mode. In local mode the endpoint is the path {@code /local-cognito}, to be resolved
 * against the address the client reached this server at: an absolute {@code localhost} URL
 * would point a browser on another machine at itself.
 *
 * @param identityMode    {@code local} (the development identity provider) or {@code cognito}
 * @param cognitoEndpoint where to send Cognito's user-pool API calls; null in Cognito mode when
 *                        only an issuer is configured and no region or COGNITO_ENDPOINT is known
 */
public record ClientConfig(String identityMode, String cognitoEndpoint, String region, String userPoolId, String clientId) {

    static ClientConfig local() {
        return new ClientConfig("local", LocalCognito.PATH, LocalCognito.REGION, LocalCognito.USER_POOL_ID, LocalCognito.CLIENT_ID);
    }

    static ClientConfig cognito(CognitoSettings settings) {
        return new ClientConfig("cognito", settings.endpoint() == null ? null : settings.endpoint().toString(),
                settings.region(), settings.userPoolId(), settings.clientId());
    }
}
