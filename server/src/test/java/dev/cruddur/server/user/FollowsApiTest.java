package dev.cruddur.server.user;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cruddur.server.ServerPerClass;
import dev.cruddur.testkit.account.AccountClient;
import dev.cruddur.testkit.http.ApiClient.Response;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Profiles with their counts and relations, following and the lists of followers, and editing one's own profile. */
class FollowsApiTest {

    @RegisterExtension
    static final ServerPerClass app = ServerPerClass.withLocalIdentity();

    private static AccountClient accounts;
    private static String cleo;
    private static String dan;

    @BeforeAll
    static void signUp() {
        accounts = app.accounts();
        cleo = accounts.create("cleo@example.com", "Cleo", "cleo");
        dan = accounts.create("dan@example.com", "Dan", "dan");
    }

    @Test
    void followingIsIdempotentAndCountedOnBothPeople() {
        String eve = accounts.create("eve@example.com", "Eve", "eve");

        JsonNode followed = ok(app.api().send("PUT", "/api/users/@EVE/follow", cleo));
        assertThat(followed.get("handle").asText()).isEqualTo("eve");
        assertThat(followed.get("followers_count").asInt()).isEqualTo(1);
        assertThat(followed.get("following").asBoolean()).isTrue();
        assertThat(followed.get("follows_you").asBoolean()).isFalse();
        assertThat(ok(app.api().send("PUT", "/api/users/@eve/follow", cleo)).get("followers_count").asInt()).isEqualTo(1);

        JsonNode back = ok(app.api().send("PUT", "/api/users/@cleo/follow", eve));
        assertThat(back.get("following").asBoolean()).isTrue();
        assertThat(back.get("follows_you").asBoolean()).isTrue();
        assertThat(back.get("following_count").asInt()).isEqualTo(1);

        JsonNode anonymous = ok(app.api().get("/api/users/@eve"));
        assertThat(anonymous.get("followers_count").asInt()).isEqualTo(1);
        assertThat(anonymous.get("following_count").asInt()).isEqualTo(1);
        assertThat(anonymous.has("following")).isFalse();
        assertThat(anonymous.has("email")).isFalse();

        JsonNode unfollowed = ok(app.api().send("DELETE", "/api/users/@eve/follow", cleo));
        assertThat(unfollowed.get("followers_count").asInt()).isZero();
        assertThat(unfollowed.get("following").asBoolean()).isFalse();
        assertThat(ok(app.api().send("DELETE", "/api/users/@eve/follow", cleo)).get("followers_count").asInt()).isZero();
    }

    @Test
    void nobodyFollowsThemselvesOrNobody() {
        Response self = app.api().send("PUT", "/api/users/@Cleo/follow", cleo);
        assertThat(self.status()).isEqualTo(422);
        assertThat(self.json().get("errors").get(0).get("code").asText()).isEqualTo("follow_self");
        assertThat(app.api().send("PUT", "/api/users/@nobody_here/follow", cleo).errorCodes()).containsExactly("user_not_found");
        assertThat(app.api().send("PUT", "/api/users/@not%20a%20handle/follow", cleo).status()).isEqualTo(404);
    }

    @Test
    void theListsOfFollowersArePagedNewestFirst() {
        String star = accounts.create("star@example.com", "Star", "star");
        List<String> fans = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String handle = "follower_" + i;
            ok(app.api().send("PUT", "/api/users/@star/follow", accounts.create(handle + "@example.com", "F " + i, handle)));
            fans.add(0, handle);
        }
        ok(app.api().send("PUT", "/api/users/@dan/follow", star));

        Response first = app.api().get("/api/users/@star/followers?limit=3");
        assertThat(handles(ok(first))).containsExactlyElementsOf(fans.subList(0, 3));
        Response second = app.api().get("/api/users/@star/followers?limit=3&cursor=" + first.header("X-Next-Cursor"));
        assertThat(handles(ok(second))).containsExactlyElementsOf(fans.subList(3, 5));
        assertThat(second.header("X-Next-Cursor")).isNull();
        assertThat(handles(ok(app.api().get("/api/users/@star/following")))).containsExactly("dan");
        assertThat(app.api().get("/api/users/@nobody_here/followers").status()).isEqualTo(404);
    }

    @Test
    void aProfileCountsVisibleCrudsAndIsEditedByItsOwnerOnly() {
        app.api().postCrud(dan, "one", "1-day");
        app.api().postCrud(dan, "two", "1-day");
        assertThat(ok(app.api().get("/api/users/@dan")).get("cruds_count").asInt()).isEqualTo(2);

        JsonNode edited = ok(app.api().postJson("/api/profile/update",
                "{\"display_name\":\"Daniel\",\"bio\":\"Builds things.\\nBreaks fewer.\"}", dan));
        assertThat(edited.get("display_name").asText()).isEqualTo("Daniel");
        assertThat(edited.get("bio").asText()).isEqualTo("Builds things.\nBreaks fewer.");
        assertThat(ok(app.api().get("/api/users/@dan")).get("bio").asText()).isEqualTo("Builds things.\nBreaks fewer.");

        // A field left out stays as it is.
        assertThat(ok(app.api().postJson("/api/profile/update", "{\"bio\":\"\"}", dan)).get("display_name").asText())
                .isEqualTo("Daniel");

        Response tooLong = app.api().postJson("/api/profile/update", "{\"bio\":\"" + "b".repeat(161) + "\"}", dan);
        assertThat(tooLong.status()).isEqualTo(422);
        assertThat(tooLong.body()).contains("bio_exceed_max_chars");
        Response escape = app.api().postJson("/api/profile/update", "{\"display_name\":\"D\\u001b[2J\"}", dan);
        assertThat(escape.status()).isEqualTo(422);
        assertThat(escape.body()).contains("name_invalid");
        assertThat(app.api().postJson("/api/profile/update", "{\"bio\":\"hi\"}", null).status()).isEqualTo(401);
        assertThat(ok(app.api().get("/api/users/@dan")).get("display_name").asText()).isEqualTo("Daniel");
    }

    private static JsonNode ok(Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private static List<String> handles(JsonNode people) {
        List<String> handles = new ArrayList<>();
        people.forEach(person -> handles.add(person.get("handle").asText()));
        return handles;
    }
}
