package dev.cruddur.ops.cognito;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cruddur.ops.AwsStub;
import dev.cruddur.ops.OpsRun;
import dev.cruddur.testing.TestDatabase;
import dev.cruddur.user.User;
import dev.cruddur.user.UserAttributes;
import dev.cruddur.user.UserRegistration;
import dev.cruddur.user.Users;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SyncUsersCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String POOL_ID = "us-east-1_AbCdEf123";

    @RegisterExtension
    final AwsStub aws = new AwsStub();
    private TestDatabase db;

    @BeforeEach
    void registeredAlready() {
        db = TestDatabase.migrated();
        UserRegistration registration = new UserRegistration(db.jdbi());
        // Andrew's trigger worked; somebody else owns the handle "alice"
        registration.register(new UserAttributes("sub-andrew", "andrew@example.com", "Andrew", "andrew"));
        registration.register(new UserAttributes("sub-first-alice", "alice@example.com", "Alice", "alice"));
    }

    @AfterEach
    void stop() {
        db.close();
    }

    @Test
    void registersTheConfirmedUsersTheDatabaseLacksAcrossPages() throws Exception {
        listUsers();

        OpsRun run = sync();

        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        var requests = aws.jsonRequests("ListUsers");
        assertThat(requests).hasSize(2);
        JsonNode first = JSON.readTree(requests.get(0).getBodyAsString());
        assertThat(first.get("UserPoolId").asText()).isEqualTo(POOL_ID);
        assertThat(first.get("Filter").asText()).isEqualTo("cognito:user_status = \"CONFIRMED\"");
        assertThat(first.has("PaginationToken")).isFalse();
        assertThat(JSON.readTree(requests.get(1).getBodyAsString()).get("PaginationToken").asText()).isEqualTo("page-2");

        Users users = new Users(db.jdbi());
        User bob = users.byCognitoUserId("sub-bob").orElseThrow();
        assertThat(bob.handle()).isEqualTo("bob");
        assertThat(bob.email()).isEqualTo("bob@example.com");
        assertThat(bob.displayName()).isEqualTo("Bob Builder");
        User carol = users.byCognitoUserId("sub-carol").orElseThrow();
        assertThat(carol.handle()).isEqualTo("carol");
        assertThat(users.byCognitoUserId("sub-second-alice")).isEmpty();
        assertThat(users.byCognitoUserId("sub-dave")).isEmpty();
        assertThat(userCount()).isEqualTo(4);

        assertThat(lineOf(run.out(), "sub-bob")).contains("bob", "bob@example.com", "added");
        assertThat(lineOf(run.out(), "sub-carol")).contains("carol", "added");
        assertThat(lineOf(run.out(), "sub-second-alice")).contains("Alice",
                "failed: The username 'Alice' is taken; choose another one.");
        assertThat(lineOf(run.out(), "sub-dave")).contains("skipped: disabled in Cognito");
        assertThat(run.out()).doesNotContain("sub-andrew")
                .contains("5 confirmed users in us-east-1_AbCdEf123: 2 added, 1 already in the database, "
                        + "1 could not be added, 1 skipped.");
    }

    @Test
    void runningItAgainAddsNobody() {
        listUsers();
        sync();

        OpsRun again = sync();

        assertThat(again.out()).contains("0 added, 3 already in the database, 1 could not be added");
        assertThat(again.out()).doesNotContain("added\n");
    }

    @Test
    void dryRunListsWhoWouldBeAddedAndWritesNothing() throws Exception {
        listUsers();

        OpsRun run = OpsRun.withEnvironment(Map.of("CONNECTION_URL", db.plainUrl()),
                aws.with("cognito", "sync-users", "--user-pool-id", POOL_ID, "--dry-run", "--output", "json"));

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode report = JSON.readTree(run.out());
        assertThat(report.get("added")).extracting(o -> o.get("sub").asText()).containsExactly("sub-bob", "sub-second-alice",
                "sub-carol");
        assertThat(report.get("added").get(0).get("result").asText()).isEqualTo("would be added (dry run)");
        assertThat(report.get("already_registered").asInt()).isEqualTo(1);
        assertThat(report.get("skipped")).hasSize(1);
        assertThat(userCount()).isEqualTo(2);
    }

    @Test
    void withoutADatabaseUrlNothingIsAsked() {
        OpsRun run = OpsRun.of(aws.with("cognito", "sync-users", "--user-pool-id", POOL_ID));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Set DATABASE_URL (or CONNECTION_URL) in the environment");
        assertThat(aws.allRequests()).isEmpty();
    }

    @Test
    void aCognitoErrorIsOneLine() {
        aws.jsonError("ListUsers", 400, "AccessDeniedException",
                "User: arn:aws:iam::123456789012:user/ops is not authorized to perform: cognito-idp:ListUsers");

        OpsRun run = sync();

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().strip()).hasLineCount(1)
                .startsWith("cruddur: CognitoIdentityProvider AccessDeniedException: User: arn:aws:iam::123456789012:user/ops")
                .contains("IAM permission");
        assertThat(run.printed()).doesNotContain(db.url().password() == null ? "\u0000" : db.url().password());
    }

    private int userCount() {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM users").mapTo(Integer.class).one());
    }

    private OpsRun sync() {
        return OpsRun.withEnvironment(Map.of("DATABASE_URL", db.plainUrl()),
                aws.with("cognito", "sync-users", "--user-pool-id", POOL_ID));
    }

    private void listUsers() {
        aws.json("ListUsers", page("page-2",
                user("andrew", "sub-andrew", "andrew@example.com", "Andrew", true),
                user("bob", "sub-bob", "bob@example.com", "Bob Builder", true)));
        aws.stubFor(post(urlPathEqualTo("/")).withHeader("X-Amz-Target", containing(".ListUsers"))
                .withRequestBody(matchingJsonPath("$.PaginationToken", equalTo("page-2")))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/x-amz-json-1.1")
                        .withBody(page(null,
                                user("Alice", "sub-second-alice", "alice2@example.com", null, true),
                                user("carol", "sub-carol", "carol@example.com", "Carol", true),
                                user("dave", "sub-dave", "dave@example.com", "Dave", false)))));
    }

    private static String page(String token, String... users) {
        return "{\"Users\": [" + String.join(",", users) + "]"
                + (token == null ? "" : ", \"PaginationToken\": \"" + token + "\"") + "}";
    }

    private static String user(String handle, String sub, String email, String name, boolean enabled) {
        List<String> attributes = new java.util.ArrayList<>(List.of(
                attribute("sub", sub), attribute("email", email), attribute("email_verified", "true"),
                attribute("preferred_username", handle)));
        if (name != null) {
            attributes.add(attribute("name", name));
        }
        return """
                {"Username": "%s", "Attributes": [%s], "UserCreateDate": 1.7E9, "UserLastModifiedDate": 1.7E9,
                 "Enabled": %s, "UserStatus": "CONFIRMED"}""".formatted(sub, String.join(",", attributes), enabled);
    }

    private static String attribute(String name, String value) {
        return "{\"Name\": \"" + name + "\", \"Value\": \"" + value + "\"}";
    }

    private static String lineOf(String text, String containing) {
        return text.lines().filter(line -> line.contains(containing)).findFirst()
                .orElseThrow(() -> new AssertionError("no line with " + containing + " in\n" + text));
    }
}
