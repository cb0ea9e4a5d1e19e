package dev.cruddur.server.activity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cruddur.server.ServerPerClass;
import dev.cruddur.testkit.account.AccountClient;
import dev.cruddur.testkit.http.ApiClient.Response;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The signed-in person's timeline over HTTP, and reposts on the reposter's page. */
class FollowingTimelineApiTest {

    @RegisterExtension
    static final ServerPerClass app = ServerPerClass.withLocalIdentity();

    @Test
    void theTimelineIsThePeopleFollowedWithTheirRepostsPagedNewestFirst() {
        AccountClient accounts = app.accounts();
        String sam = accounts.create("sam@example.com", "Sam", "sam");
        String tess = accounts.create("tess@example.com", "Tess", "tess");
        String uma = accounts.create("uma@example.com", "Uma", "uma");
        ok(app.api().send("PUT", "/api/users/@tess/follow", sam));
        String umas = app.api().postCrud(uma, "uma, not followed", "1-day");
        app.api().postCrud(tess, "tess one", "1-day");
        app.api().postCrud(sam, "sam's own", "1-day");
        ok(app.api().send("PUT", "/api/activities/" + umas + "/repost", tess));
        app.api().postCrud(tess, "tess two", "1-day");

        List<JsonNode> walked = new ArrayList<>();
        String path = "/api/activities/following?limit=2";
        while (path != null) {
            Response page = app.api().get(path, sam);
            ok(page).forEach(walked::add);
            String link = page.header("Link");
            path = link == null ? null : link.substring(1, link.indexOf('>'));
        }

        assertThat(walked).extracting(a -> a.get("message").asText())
                .containsExactly("tess two", "uma, not followed", "sam's own", "tess one");
        JsonNode repost = walked.get(1);
        assertThat(repost.get("handle").asText()).isEqualTo("uma");
        assertThat(repost.get("reposted_by").get("handle").asText()).isEqualTo("tess");
        assertThat(repost.get("reposted_by").get("display_name").asText()).isEqualTo("Tess");
        assertThat(repost.get("reposted_by").get("reposted_at").asText()).isGreaterThan(repost.get("created_at").asText());
        assertThat(repost.get("reposted_by_me").asBoolean()).isFalse();
        assertThat(walked.get(0).has("reposted_by")).isFalse();

        JsonNode tessPage = ok(app.api().get("/api/activities/@tess"));
        assertThat(tessPage).extracting(a -> a.get("message").asText()).containsExactly("tess two", "uma, not followed", "tess one");
        assertThat(tessPage.get(1).get("reposted_by").get("handle").asText()).isEqualTo("tess");
        assertThat(ok(app.api().get("/api/activities/home?limit=100")).findValues("reposted_by")).isEmpty();

        ok(app.api().send("DELETE", "/api/activities/" + umas + "/repost", tess));
        assertThat(ok(app.api().get("/api/activities/following", sam))).extracting(a -> a.get("message").asText())
                .containsExactly("tess two", "sam's own", "tess one");
    }

    @Test
    void theTimelineNeedsASignIn() {
        Response anonymous = app.api().get("/api/activities/following");
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.errorCodes()).containsExactly("token_missing");
    }

    private static JsonNode ok(Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }
}
