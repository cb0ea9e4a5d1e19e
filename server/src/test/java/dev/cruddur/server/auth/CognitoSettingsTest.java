package dev.cruddur.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CognitoSettingsTest {

    @Test
    void derivesIssuerAndJwksUrlFromPoolIdAndRegion() {
        CognitoSettings settings = CognitoSettings.fromEnvironment(Map.of(
                "COGNITO_USER_POOL_ID", "us-east-1_AbCdEf123",
                "AWS_REGION", "us-east-1",
                "COGNITO_CLIENT_ID", "5r3kq1client")).orElseThrow();

        assertThat(settings.issuer()).isEqualTo("https://cognito-idp.us-east-1.amazonaws.com/us-east-1_AbCdEf123");
        assertThat(settings.jwksUrl()).isEqualTo(
                URI.create("https://cognito-idp.us-east-1.amazonaws.com/us-east-1_AbCdEf123/.well-known/jwks.json"));
        assertThat(settings.clientId()).isEqualTo("5r3kq1client");
        assertThat(settings.region()).isEqualTo("us-east-1");
        assertThat(settings.userPoolId()).isEqualTo("us-east-1_AbCdEf123");
    }

    @Test
    void takesTheRegionFromThePoolIdWhenAwsRegionIsMissing() {
        CognitoSettings settings = CognitoSettings.fromEnvironment(Map.of(
                "COGNITO_USER_POOL_ID", "ap-southeast-2_XyZ987abc",
                "COGNITO_CLIENT_ID", "client")).orElseThrow();

        assertThat(settings.region()).isEqualTo("ap-southeast-2");
        assertThat(settings.issuer()).isEqualTo("https://cognito-idp.ap-southeast-2.amazonaws.com/ap-southeast-2_XyZ987abc");
    }

    @Test
    void theIssuerIsInThePoolsRegionEvenWhenTheServerRunsElsewhere() {
        // ECS and Lambda set AWS_REGION to where the process runs; the pool may live in another region.
        CognitoSettings settings = CognitoSettings.fromEnvironment(Map.of(
                "COGNITO_USER_POOL_ID", "us-east-1_AbCdEf123",
                "AWS_REGION", "eu-west-1",
                "COGNITO_CLIENT_ID", "client")).orElseThrow();

        assertThat(settings.issuer()).isEqualTo("https://cognito-idp.us-east-1.amazonaws.com/us-east-1_AbCdEf123");
        assertThat(settings.region()).isEqualTo("us-east-1");
    }

    @Test
    void issuerOverrideAlsoMovesTheDefaultJwksUrl() {
        CognitoSettings settings = CognitoSettings.fromEnvironment(Map.of(
                "COGNITO_USER_POOL_ID", "us-east-1_AbCdEf123",
                "COGNITO_ISSUER", "http://localhost:9229/us-east-1_AbCdEf123",
                "COGNITO_CLIENT_ID", "client")).orElseThrow();

        assertThat(settings.issuer()).isEqualTo("http://localhost:9229/us-east-1_AbCdEf123");
        assertThat(settings.jwksUrl()).isEqualTo(URI.create("http://localhost:9229/us-east-1_AbCdEf123/.well-known/jwks.json"));
        assertThat(settings.userPoolId()).isEqualTo("us-east-1_AbCdEf123");
    }

    @Test
    void issuerAloneTurnsCognitoModeOn() {
        CognitoSettings settings = CognitoSettings.fromEnvironment(Map.of(
                "COGNITO_ISSUER", "http://127.0.0.1:4567/local/",
                "AWS_REGION", "eu-central-1",
                "COGNITO_CLIENT_ID", "client")).orElseThrow();

        assertThat(settings.issuer()).isEqualTo("http://127.0.0.1:4567/local/");
        assertThat(settings.jwksUrl()).isEqualTo(URI.create("http://127.0.0.1:4567/local/.well-known/jwks.json"));
        assertThat(settings.region()).isEqualTo("eu-central-1");
        assertThat(settings.userPoolId()).isNull();
    }

    @Test
    void jwksUrlOverride() {
        CognitoSettings settings = CognitoSettings.fromEnvironment(Map.of(
                "COGNITO_USER_POOL_ID", "us-east-1_AbCdEf123",
                "COGNITO_JWKS_URL", "http://127.0.0.1:9229/keys.json",
                "COGNITO_CLIENT_ID", "client")).orElseThrow();

        assertThat(settings.issuer()).isEqualTo("https://cognito-idp.us-east-1.amazonaws.com/us-east-1_AbCdEf123");
        assertThat(settings.jwksUrl()).isEqualTo(URI.create("http://127.0.0.1:9229/keys.json"));
    }

    @Test
    void cognitoModeNeedsTheClientId() {
        assertThatThrownBy(() -> CognitoSettings.fromEnvironment(Map.of("COGNITO_USER_POOL_ID", "us-east-1_AbCdEf123")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("COGNITO_CLIENT_ID");
        assertThatThrownBy(() -> CognitoSettings.fromEnvironment(Map.of(
                "COGNITO_ISSUER", "http://localhost:9229/pool", "COGNITO_CLIENT_ID", " ")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("COGNITO_CLIENT_ID");
    }

    @Test
    void rejectsAMalformedPoolId() {
        for (String poolId : new String[] {"AbCdEf123", "us-east-1", "us-east-1_", "US-EAST-1_abc", "us-east-1_a/b", "../x_abc"}) {
            assertThatThrownBy(() -> CognitoSettings.fromEnvironment(Map.of(
                    "COGNITO_USER_POOL_ID", poolId, "COGNITO_CLIENT_ID", "client")))
                    .as(poolId)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("COGNITO_USER_POOL_ID");
        }
    }

    @Test
    void anEmulatorsPoolIdIsAcceptedWhenTheIssuerIsGiven() {
        // cognito-local names its pools local_<id>; its issuer is http://localhost:9229/<pool id>.
        CognitoSettings settings = CognitoSettings.fromEnvironment(Map.of(
                "COGNITO_USER_POOL_ID", "local_6bTPtxO3",
                "COGNITO_ISSUER", "http://localhost:9229/local_6bTPtxO3",
                "COGNITO_ENDPOINT", "http://localhost:9229/",
                "AWS_REGION", "eu-west-1",
                "COGNITO_CLIENT_ID", "emulatorclient")).orElseThrow();

        assertThat(settings.userPoolId()).isEqualTo("local_6bTPtxO3");
        assertThat(settings.issuer()).isEqualTo("http://localhost:9229/local_6bTPtxO3");
        assertThat(settings.jwksUrl()).isEqualTo(URI.create("http://localhost:9229/local_6bTPtxO3/.well-known/jwks.json"));
        assertThat(settings.endpoint()).isEqualTo(URI.create("http://localhost:9229/"));
        // Not derived from an id that names no region: the one the operator gave.
        assertThat(settings.region()).isEqualTo("eu-west-1");

        for (String poolId : new String[] {"local", "my pool", "x_y_z", "AbCdEf123"}) {
            assertThat(CognitoSettings.fromEnvironment(Map.of("COGNITO_USER_POOL_ID", poolId,
                    "COGNITO_ISSUER", "http://localhost:9229/pool", "COGNITO_CLIENT_ID", "client")).orElseThrow().userPoolId())
                    .as(poolId).isEqualTo(poolId);
        }
    }

    @Test
    void aRealPoolIdStillNamesTheRegionWhenTheIssuerIsGiven() {
        CognitoSettings settings = CognitoSettings.fromEnvironment(Map.of(
                "COGNITO_USER_POOL_ID", "eu-west-2_AbCdEf123",
                "COGNITO_ISSUER", "http://localhost:9229/eu-west-2_AbCdEf123",
                "COGNITO_CLIENT_ID", "client")).orElseThrow();

        assertThat(settings.region()).isEqualTo("eu-west-2");
        assertThat(settings.endpoint()).isEqualTo(URI.create("https://cognito-idp.eu-west-2.amazonaws.com/"));
    }

    @Test
    void rejectsUrlsThatAreNotHttp() {
        assertThatThrownBy(() -> CognitoSettings.fromEnvironment(Map.of(
                "COGNITO_ISSUER", "file:///etc/passwd", "COGNITO_CLIENT_ID", "client")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("COGNITO_ISSUER");
        assertThatThrownBy(() -> CognitoSettings.fromEnvironment(Map.of(
                "COGNITO_ISSUER", "not a url", "COGNITO_CLIENT_ID", "client")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("COGNITO_ISSUER");
        assertThatThrownBy(() -> CognitoSettings.fromEnvironment(Map.of(
                "COGNITO_USER_POOL_ID", "us-east-1_AbCdEf123",
                "COGNITO_JWKS_URL", "ftp://example.com/jwks.json",
                "COGNITO_CLIENT_ID", "client")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("COGNITO_JWKS_URL");
    }

    @Test
    void errorsDoNotEchoUrlsThatMayCarryCredentials() {
        assertThatThrownBy(() -> CognitoSettings.fromEnvironment(Map.of(
                "COGNITO_ISSUER", "ftp://user:s3cret@example.com/pool", "COGNITO_CLIENT_ID", "client")))
                .isInstanceOf(IllegalArgumentException.class)
                .message().doesNotContain("s3cret");
    }

    @Test
    void emptyWhenNoPoolIsConfigured() {
        assertThat(CognitoSettings.fromEnvironment(Map.of())).isEmpty();
        assertThat(CognitoSettings.fromEnvironment(Map.of("AWS_REGION", "us-east-1", "COGNITO_CLIENT_ID", "client"))).isEmpty();
        assertThat(CognitoSettings.fromEnvironment(Map.of("COGNITO_USER_POOL_ID", "", "COGNITO_ISSUER", "  "))).isEmpty();
    }

    @Test
    void getUserGoesToThePoolsRegionalEndpoint() {
        CognitoSettings settings = CognitoSettings.fromEnvironment(Map.of(
                "COGNITO_USER_POOL_ID", "eu-west-2_AbCdEf123",
                "COGNITO_CLIENT_ID", "client")).orElseThrow();

        assertThat(settings.endpoint()).isEqualTo(URI.create("https://cognito-idp.eu-west-2.amazonaws.com/"));
    }

    @Test
    void endpointOverrideIsUsedAsGiven() {
        CognitoSettings settings = CognitoSettings.fromEnvironment(Map.of(
                "COGNITO_ISSUER", "http://localhost:9229/pool",
                "COGNITO_ENDPOINT", "http://localhost:9229/",
                "COGNITO_CLIENT_ID", "client")).orElseThrow();

        assertThat(settings.endpoint()).isEqualTo(URI.create("http://localhost:9229/"));
    }

    @Test
    void withOnlyAnIssuerAndNoRegionThereIsNoEndpoint() {
        CognitoSettings settings = CognitoSettings.fromEnvironment(Map.of(
                "COGNITO_ISSUER", "http://localhost:9229/pool",
                "COGNITO_CLIENT_ID", "client")).orElseThrow();

        assertThat(settings.endpoint()).isNull();
    }

    @Test
    void aMalformedEndpointIsRefusedByName() {
        assertThatThrownBy(() -> CognitoSettings.fromEnvironment(Map.of(
                "COGNITO_ISSUER", "http://localhost:9229/pool",
                "COGNITO_ENDPOINT", "localhost:9229",
                "COGNITO_CLIENT_ID", "client")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("COGNITO_ENDPOINT");
    }
}
