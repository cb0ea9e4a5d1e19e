package dev.cruddur.ops.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.cruddur.ops.AwsStub;
import dev.cruddur.ops.OpsProcess;
import dev.cruddur.ops.OpsRun;
import dev.cruddur.ops.rds.RdsXml;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Profiles that sign in through IAM Identity Center, the way {@code aws configure sso} writes them,
 * with the token {@code aws sso login} caches in {@code ~/.aws/sso/cache}. Each case runs
 * {@code cruddur} in a JVM of its own (the SDK reads HOME and AWS_PROFILE from the process), with
 * the SSO portal and the SSO OIDC service stood in by WireMock and RDS by {@link AwsStub}: the
 * real SDK exchanges the cached token for role credentials, and RDS must see them.
 */
class SsoProfilesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String START_URL = "https://d-9067f1a2b3.awsapps.com/start";
    private static final String ACCOUNT = "123456789012";
    private static final String ROLE = "CruddurOperator";
    private static final String ACCESS_TOKEN = "aoa-cached-access-token-from-aws-sso-login";
    private static final String KEY_ID = "ASIAVSSOPORTALTEST01";
    private static final String SESSION_TOKEN = "IQoJb3JpZ2luX2VjEPortalSessionToken";

    @TempDir
    Path home;

    @RegisterExtension
    final AwsStub aws = new AwsStub();
    private final WireMockServer portal = new WireMockServer(WireMockConfiguration.options().dynamicPort());

    @BeforeEach
    void start() {
        portal.start();
        aws.query("DescribeDBInstances", RdsXml.describe(RdsXml.instance("available")));
    }

    @AfterEach
    void stop() {
        portal.stop();
    }

    @Test
    void aLegacySsoProfileGivenWithProfileSignsTheCallsWithTheRoleCredentials() throws Exception {
        legacySsoConfig();
        cachedToken(sha1(START_URL), Instant.now().plus(Duration.ofHours(8)), false);
        roleCredentials();

        OpsRun run = cruddur(Map.of(), "rds", "status", "--profile", "cruddur-sso", "--endpoint-url", aws.url());

        assertReadWithTheRoleCredentials(run);
    }

    @Test
    void anSsoSessionProfileNamedByAwsProfileSignsTheCallsWithTheRoleCredentials() throws Exception {
        ssoSessionConfig();
        sessionSignedIn();
        roleCredentials();

        OpsRun run = cruddur(Map.of("AWS_PROFILE", "cruddur-dev"), "rds", "status", "--endpoint-url", aws.url());

        assertReadWithTheRoleCredentials(run);
    }

    @Test
    void anExpiredSsoSessionTokenIsRefreshedWithItsRefreshTokenFirst() throws Exception {
        ssoSessionConfig();
        cachedToken(sha1("cruddur"), Instant.now().minus(Duration.ofMinutes(5)), true);
        // SSO OIDC CreateToken, as the sso-oidc model answers it
        portal.stubFor(post(urlPathEqualTo("/token")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("""
                        {"accessToken": "%s", "tokenType": "Bearer", "expiresIn": 28800,
                         "refreshToken": "aor-next-refresh-token"}""".formatted(ACCESS_TOKEN))));
        roleCredentials();

        OpsRun run = cruddur(Map.of("AWS_PROFILE", "cruddur-dev"), "rds", "status", "--endpoint-url", aws.url());

        assertReadWithTheRoleCredentials(run);
        JsonNode refresh = JSON.readTree(portal.findAll(postRequestedFor(urlPathEqualTo("/token"))).get(0).getBodyAsString());
        assertThat(refresh.get("grantType").asText()).isEqualTo("refresh_token");
        assertThat(refresh.get("refreshToken").asText()).isEqualTo("aor-cached-refresh-token");
    }

    @Test
    void withoutACachedTokenALegacyProfileSaysToLogInWithThatProfile() {
        legacySsoConfig();

        OpsRun run = cruddur(Map.of(), "rds", "status", "--profile", "cruddur-sso", "--endpoint-url", aws.url());

        assertFailsWith(run, "cruddur: The AWS profile 'cruddur-sso' signs in with IAM Identity Center (SSO)"
                + " and has not signed in on this machine (no token in ~/.aws/sso/cache):"
                + " run `aws sso login --profile cruddur-sso`, then this command again.");
        assertThat(portal.getAllServeEvents()).isEmpty();
        assertThat(aws.allRequests()).isEmpty();
    }

    @Test
    void anExpiredSsoSessionThatCannotBeRefreshedSaysToLogInToTheSession() {
        ssoSessionConfig();
        Instant expired = Instant.now().minus(Duration.ofHours(2)).truncatedTo(ChronoUnit.SECONDS);
        cachedToken(sha1("cruddur"), expired, true);
        // the refresh token has expired too: SSO OIDC says so as its model spells it
        portal.stubFor(post(urlPathEqualTo("/token")).willReturn(error(400, "InvalidGrantException",
                "{\"error\": \"invalid_grant\", \"error_description\": \"Invalid refresh token provided\"}")));

        OpsRun run = cruddur(Map.of("AWS_PROFILE", "cruddur-dev"), "rds", "status", "--endpoint-url", aws.url());

        assertFailsWith(run, "cruddur: The IAM Identity Center (SSO) sign-in of the AWS profile 'cruddur-dev'"
                + " expired at " + expired + ": run `aws sso login --sso-session cruddur`"
                + " (or `aws sso login --profile cruddur-dev`), then this command again.");
        assertThat(portal.findAll(getRequestedFor(urlPathEqualTo("/federation/credentials")))).isEmpty();
        assertThat(aws.allRequests()).isEmpty();
    }

    /**
     * The portal's refusals of a cached token that is not expired, and the one line each becomes.
     * The profile is named by AWS_PROFILE in one and by --profile in the other: either way the line names it.
     */
    static Stream<Arguments> portalRefusals() {
        return Stream.of(
                // signed out in the access portal, or the session was revoked: the token is refused
                Arguments.of(401, "UnauthorizedException", "Session token not found or invalid",
                        Map.of("AWS_PROFILE", "cruddur-dev"), List.of(),
                        "cruddur: IAM Identity Center (SSO) refused the sign-in of the AWS profile 'cruddur-dev'"
                                + " (HTTP 401: Session token not found or invalid):"
                                + " run `aws sso login --sso-session cruddur`"
                                + " (or `aws sso login --profile cruddur-dev`), then this command again."),
                // the role is not assigned to the person signed in
                Arguments.of(404, "ResourceNotFoundException", "No access",
                        Map.of(), List.of("--profile", "cruddur-dev"),
                        "cruddur: IAM Identity Center (SSO) has no such role for the AWS profile 'cruddur-dev'"
                                + " (HTTP 404: No access): check its sso_account_id and sso_role_name in ~/.aws/config"
                                + " (the role must be assigned to you in IAM Identity Center)."));
    }

    @ParameterizedTest(name = "HTTP {0} {1}")
    @MethodSource("portalRefusals")
    void aRefusalOfTheCachedTokenSaysWhatToDo(int status, String errorType, String message,
                                              Map<String, String> environment, List<String> profileFlags, String said) {
        ssoSessionConfig();
        sessionSignedIn();
        portal.stubFor(get(urlPathEqualTo("/federation/credentials")).willReturn(error(status, errorType,
                "{\"message\": \"" + message + "\"}")));
        List<String> args = new ArrayList<>(List.of("rds", "status", "--endpoint-url", aws.url()));
        args.addAll(profileFlags);

        OpsRun run = cruddur(environment, args.toArray(String[]::new));

        assertFailsWith(run, said);
        assertThat(aws.allRequests()).isEmpty();
    }

    // ---- the fake home ----

    /** A profile of the older kind, which names the portal itself, as `aws configure sso` wrote it before sessions. */
    private void legacySsoConfig() {
        config("""
                [profile cruddur-sso]
                sso_start_url = %s
                sso_region = us-east-1
                sso_account_id = %s
                sso_role_name = %s
                region = us-east-1
                """.formatted(START_URL, ACCOUNT, ROLE));
    }

    private void ssoSessionConfig() {
        config("""
                [profile cruddur-dev]
                sso_session = cruddur
                sso_account_id = %s
                sso_role_name = %s
                region = us-east-1

                [sso-session cruddur]
                sso_start_url = %s
                sso_region = us-east-1
                sso_registration_scopes = sso:account:access
                """.formatted(ACCOUNT, ROLE, START_URL));
    }

    private void config(String text) {
        write(home.resolve(".aws/config"), text);
    }

    /** What {@code aws sso login} leaves in {@code ~/.aws/sso/cache/<name>.json}. */
    private void cachedToken(String name, Instant expiresAt, boolean withRefreshToken) {
        Map<String, String> token = new HashMap<>(Map.of("startUrl", START_URL, "region", "us-east-1",
                "accessToken", ACCESS_TOKEN, "expiresAt", expiresAt.truncatedTo(ChronoUnit.SECONDS).toString()));
        if (withRefreshToken) {
            token.putAll(Map.of("refreshToken", "aor-cached-refresh-token", "clientId", "cruddur-test-client",
                    "clientSecret", "cruddur-test-client-secret",
                    "registrationExpiresAt", Instant.now().plus(Duration.ofDays(80)).truncatedTo(ChronoUnit.SECONDS).toString()));
        }
        try {
            write(home.resolve(".aws/sso/cache/" + name + ".json"), JSON.writeValueAsString(token));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The session {@code cruddur} signed in a moment ago: its token is good for hours yet. */
    private void sessionSignedIn() {
        cachedToken(sha1("cruddur"), Instant.now().plus(Duration.ofHours(8)), true);
    }

    /** A refusal as the sso and sso-oidc models spell it: the error's type in a header, the details in JSON. */
    private static ResponseDefinitionBuilder error(int status, String type, String json) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withHeader("x-amzn-ErrorType", type).withBody(json);
    }

    /** GetRoleCredentials as the sso model answers it: expiration in epoch milliseconds. */
    private void roleCredentials() {
        portal.stubFor(get(urlPathEqualTo("/federation/credentials"))
                .withQueryParam("role_name", equalTo(ROLE))
                .withQueryParam("account_id", equalTo(ACCOUNT))
                .withHeader("x-amz-sso_bearer_token", equalTo(ACCESS_TOKEN))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("""
                        {"roleCredentials": {"accessKeyId": "%s", "secretAccessKey": "portal-secret-access-key",
                         "sessionToken": "%s", "expiration": %d}}"""
                        .formatted(KEY_ID, SESSION_TOKEN, Instant.now().plus(Duration.ofHours(1)).toEpochMilli()))));
    }

    private OpsRun cruddur(Map<String, String> extra, String... args) {
        Map<String, String> environment = new HashMap<>(Map.of(
                "HOME", home.toString(),
                "AWS_CONFIG_FILE", home.resolve(".aws/config").toString(),
                "AWS_SHARED_CREDENTIALS_FILE", home.resolve(".aws/credentials").toString(),
                "AWS_EC2_METADATA_DISABLED", "true",
                "AWS_ENDPOINT_URL_SSO", "http://localhost:" + portal.port(),
                "AWS_ENDPOINT_URL_SSO_OIDC", "http://localhost:" + portal.port()));
        environment.putAll(extra);
        return OpsProcess.run(environment, args);
    }

    /** The command failed with {@code message} as its one line, and no stack trace. */
    private static void assertFailsWith(OpsRun run, String message) {
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().strip()).hasLineCount(1).isEqualTo(message);
    }

    /** The status was read from RDS, which saw the role credentials the portal gave for the cached token. */
    private void assertReadWithTheRoleCredentials(OpsRun run) {
        assertThat(run.exitCode()).as(run.printed()).isZero();
        assertThat(run.out()).contains(RdsXml.ID, "available");
        assertPortalAskedWithTheCachedToken();
        assertSignedWithTheRoleCredentials();
    }

    private void assertPortalAskedWithTheCachedToken() {
        List<LoggedRequest> asked = portal.findAll(getRequestedFor(urlPathEqualTo("/federation/credentials")));
        assertThat(asked).hasSize(1);
        assertThat(asked.get(0).getHeader("x-amz-sso_bearer_token")).isEqualTo(ACCESS_TOKEN);
        assertThat(asked.get(0).queryParameter("role_name").firstValue()).isEqualTo(ROLE);
        assertThat(asked.get(0).queryParameter("account_id").firstValue()).isEqualTo(ACCOUNT);
    }

    private void assertSignedWithTheRoleCredentials() {
        List<LoggedRequest> describe = aws.queryRequests("DescribeDBInstances");
        assertThat(describe).isNotEmpty();
        for (LoggedRequest request : describe) {
            assertThat(request.getHeader("Authorization"))
                    .startsWith("AWS4-HMAC-SHA256 Credential=" + KEY_ID + "/")
                    .contains("/us-east-1/rds/aws4_request");
            assertThat(request.getHeader("X-Amz-Security-Token")).isEqualTo(SESSION_TOKEN);
        }
    }

    private static String sha1(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
