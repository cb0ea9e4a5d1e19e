package dev.cruddur.server.message;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cruddur.server.ServerPerClass;
import dev.cruddur.server.SignedUpUser;
import dev.cruddur.testkit.http.ApiClient.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Direct messages over HTTP, as the API contract describes them: starting and continuing a
 * conversation, the list with its first lines and unread counts, a conversation's pages and
 * marking it read, the recipient's setting, deleting, and the errors of each route.
 */
class MessagesApiTest {

    @RegisterExtension
    static final ServerPerClass app = ServerPerClass.trustingAPool();

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aConversationIsStartedByHandleContinuedByEitherWayAndListedWithItsFirstLineAndUnreadCount() {
        Person ada = person("ada_dm", "Ada");
        Person ben = person("ben_dm", "Ben 🦊");
        everyone(ada);

        JsonNode first = created(send(ben, "hello Ada\nsecond line", null, "ADA_DM", null));
        assertThat(first.get("message").asText()).isEqualTo("hello Ada\nsecond line");
        assertThat(first.get("handle").asText()).isEqualTo("ben_dm");
        assertThat(first.get("display_name").asText()).isEqualTo("Ben 🦊");
        assertThat(first.get("mine").asBoolean()).isTrue();
        String group = first.get("message_group_uuid").asText();
        assertThat(group).hasSize(36);
        // The default lifetime is seven days, from the database's clock.
        Duration life = Duration.between(Instant.parse(first.get("created_at").asText()),
                Instant.parse(first.get("expires_at").asText()));
        assertThat(life).isEqualTo(Duration.ofDays(7));

        // Again by handle: the same conversation. Then by its uuid, from both sides.
        assertThat(created(send(ben, "are you there?", "1-hour", "ada_dm", null)).get("message_group_uuid").asText())
                .isEqualTo(group);
        JsonNode list = ok(app.api().get("/api/message_groups", ada.token));
        assertThat(list).hasSize(1);
        JsonNode item = list.get(0);
        assertThat(item.get("uuid").asText()).isEqualTo(group);
        assertThat(item.get("handle").asText()).isEqualTo("ben_dm");
        assertThat(item.get("display_name").asText()).isEqualTo("Ben 🦊");
        assertThat(item.get("message").asText()).isEqualTo("are you there?");
        assertThat(item.get("unread_count").asInt()).isEqualTo(2);
        assertThat(unread(ada).get("message_groups").asInt()).isEqualTo(1);
        assertThat(unread(ada).get("last_message_at").asText()).isEqualTo(item.get("created_at").asText());
        assertThat(unread(ben).get("message_groups").asInt()).isZero();
        assertThat(unread(ben).get("last_message_at").isNull()).isTrue();
        assertThat(ok(app.api().get("/api/message_groups/" + group, ada.token)).toString())
                .isEqualTo("{\"uuid\":\"" + group + "\",\"handle\":\"ben_dm\",\"display_name\":\"Ben 🦊\"}");

        // Opening the conversation (its first page) reads it.
        JsonNode messages = ok(app.api().get("/api/messages/" + group, ada.token));
        assertThat(texts(messages)).containsExactly("are you there?", "hello Ada\nsecond line");
        assertThat(messages.get(0).get("mine").asBoolean()).isFalse();
        assertThat(messages.get(0).get("handle").asText()).isEqualTo("ben_dm");
        assertThat(ok(app.api().get("/api/message_groups", ada.token)).get(0).get("unread_count").asInt()).isZero();
        assertThat(unread(ada).get("message_groups").asInt()).isZero();

        JsonNode answer = created(send(ada, "yes!", "1-day", null, group));
        assertThat(answer.get("message_group_uuid").asText()).isEqualTo(group);
        JsonNode bens = ok(app.api().get("/api/message_groups", ben.token));
        assertThat(bens.get(0).get("handle").asText()).isEqualTo("ada_dm");
        assertThat(bens.get(0).get("message").asText()).isEqualTo("yes!");
        assertThat(bens.get(0).get("unread_count").asInt()).isEqualTo(1);
        JsonNode seenByBen = ok(app.api().get("/api/messages/" + group, ben.token));
        assertThat(texts(seenByBen)).containsExactly("yes!", "are you there?", "hello Ada\nsecond line");
        List<Boolean> mine = new ArrayList<>();
        seenByBen.forEach(m -> mine.add(m.get("mine").asBoolean()));
        assertThat(mine).containsExactly(false, true, true);
        assertThat(seenByBen.get(0).get("display_name").asText()).isEqualTo("Ada");
    }

    @Test
    void theListIsOrderedByTheLatestMessageAndBothListsPageByCursor() {
        Person hub = person("hub_dm", "Hub");
        everyone(hub);
        List<Person> writers = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Person writer = person("writer_dm" + i, "Writer " + i);
            writers.add(writer);
            created(send(writer, "first from " + i, null, "hub_dm", null));
        }
        // The first writer writes again: their conversation goes to the top.
        created(send(writers.get(0), "again", null, "hub_dm", null));

        List<String> handles = new ArrayList<>();
        String path = "/api/message_groups?limit=2";
        int pages = 0;
        while (path != null) {
            Response page = app.api().get(path, hub.token);
            assertThat(page.status()).isEqualTo(200);
            page.json().forEach(c -> handles.add(c.get("handle").asText()));
            String next = page.header("X-Next-Cursor");
            path = next == null ? null : "/api/message_groups?limit=2&cursor=" + next;
            pages++;
        }
        assertThat(pages).isEqualTo(3);
        assertThat(handles).containsExactly("writer_dm0", "writer_dm4", "writer_dm3", "writer_dm2", "writer_dm1");

        String group = created(send(hub, "m0", null, "writer_dm0", null)).get("message_group_uuid").asText();
        for (int i = 1; i < 7; i++) {
            created(send(i % 2 == 0 ? hub : writers.get(0), "m" + i, null, null, group));
        }
        List<String> texts = new ArrayList<>();
        String messagesPath = "/api/messages/" + group + "?limit=3";
        while (messagesPath != null) {
            Response page = app.api().get(messagesPath, writers.get(0).token);
            assertThat(page.status()).as(page.body()).isEqualTo(200);
            texts.addAll(texts(page.json()));
            String next = page.header("X-Next-Cursor");
            if (next != null) {
                assertThat(page.header("Link")).contains("limit=3").contains("cursor=" + next);
            }
            messagesPath = next == null ? null : "/api/messages/" + group + "?limit=3&cursor=" + next;
        }
        assertThat(texts).containsExactly("m6", "m5", "m4", "m3", "m2", "m1", "m0", "again", "first from 0");
    }

    @Test
    void theRecipientsSettingDecidesWhoMayWriteAndARefusalStoresNothing() {
        Person cat = person("cat_dm", "Cat");
        Person dan = person("dan_dm", "Dan");

        // Cat follows nobody and accepts messages only from people she follows (the default).
        Response refused = send(dan, "hi cat", null, "cat_dm", null);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.errorCodes()).containsExactly("messages_not_accepted");
        assertThat(ok(app.api().get("/api/message_groups", dan.token))).isEmpty();
        assertThat(ok(app.api().get("/api/message_groups", cat.token))).isEmpty();
        long stored = app.server().database().jdbi().withHandle(h -> h.createQuery(
                        "SELECT count(*) FROM message_groups g WHERE :dan IN (g.low_user_uuid, g.high_user_uuid)")
                .bind("dan", dan.user.uuid()).mapTo(Long.class).one());
        assertThat(stored).as("conversations of Dan's").isZero();
        assertThat(profile("cat_dm", dan).get("can_message").asBoolean()).isFalse();
        assertThat(profile("cat_dm", dan).has("messages_from")).isFalse();
        assertThat(profile("cat_dm", cat).get("messages_from").asText()).isEqualTo("following");
        assertThat(profile("cat_dm", cat).get("can_message").asBoolean()).isFalse();

        // She follows him: he may. And having written to her, she may answer him though he follows nobody.
        assertThat(app.api().send("PUT", "/api/users/@dan_dm/follow", cat.token).status()).isEqualTo(200);
        assertThat(profile("cat_dm", dan).get("can_message").asBoolean()).isTrue();
        String group = created(send(dan, "hi cat", null, "cat_dm", null)).get("message_group_uuid").asText();
        assertThat(profile("dan_dm", cat).get("can_message").asBoolean()).isTrue();
        created(send(cat, "hi dan", null, null, group));

        // She stops following him and changes nothing else: he may still answer what she wrote.
        assertThat(app.api().send("DELETE", "/api/users/@dan_dm/follow", cat.token).status()).isEqualTo(200);
        created(send(dan, "still here", null, null, group));

        // Someone new, and "everyone": allowed.
        Person eve = person("eve_dm", "Eve");
        assertThat(send(eve, "hello", null, "cat_dm", null).errorCodes()).containsExactly("messages_not_accepted");
        JsonNode updated = ok(app.api().postJson("/api/profile/update", "{\"messages_from\":\"everyone\"}", cat.token));
        assertThat(updated.get("messages_from").asText()).isEqualTo("everyone");
        assertThat(profile("cat_dm", eve).get("can_message").asBoolean()).isTrue();
        created(send(eve, "hello", null, "cat_dm", null));
        assertThat(app.api().get("/api/users/@cat_dm").json().get("can_message").asBoolean()).isFalse();
        Response badSetting = app.api().postJson("/api/profile/update", "{\"messages_from\":\"friends\"}", cat.token);
        assertThat(badSetting.status()).isEqualTo(422);
        assertThat(badSetting.errorCodes()).containsExactly("messages_from_invalid");
    }

    @Test
    void theSenderDeletesTheirMessageForBothAndTheListForgetsAConversationLeftEmpty() {
        Person fay = person("fay_dm", "Fay");
        Person gus = person("gus_dm", "Gus");
        everyone(fay);
        everyone(gus);
        JsonNode lone = created(send(gus, "only message", "30-days", "fay_dm", null));
        String group = lone.get("message_group_uuid").asText();

        Response notHers = app.api().send("DELETE", "/api/messages/" + lone.get("uuid").asText(), fay.token);
        assertThat(notHers.status()).isEqualTo(403);
        assertThat(notHers.errorCodes()).containsExactly("not_message_sender");
        assertThat(unread(fay).get("message_groups").asInt()).isEqualTo(1);

        assertThat(app.api().send("DELETE", "/api/messages/" + lone.get("uuid").asText(), gus.token).status())
                .isEqualTo(204);
        assertThat(ok(app.api().get("/api/messages/" + group, fay.token))).isEmpty();
        assertThat(ok(app.api().get("/api/message_groups", fay.token))).isEmpty();
        assertThat(ok(app.api().get("/api/message_groups", gus.token))).isEmpty();
        assertThat(unread(fay).get("message_groups").asInt()).isZero();
        assertThat(unread(fay).get("last_message_at").isNull()).isTrue();
        Response again = app.api().send("DELETE", "/api/messages/" + lone.get("uuid").asText(), gus.token);
        assertThat(again.status()).isEqualTo(404);
        assertThat(again.errorCodes()).containsExactly("message_not_found");

        // A later message brings the conversation back; deleting the newest shows the one before.
        created(send(fay, "older, answered", "1-day", null, group));
        JsonNode newest = created(send(gus, "newest", "1-hour", null, group));
        assertThat(ok(app.api().get("/api/message_groups", fay.token)).get(0).get("message").asText()).isEqualTo("newest");
        assertThat(app.api().send("DELETE", "/api/messages/" + newest.get("uuid").asText(), gus.token).status())
                .isEqualTo(204);
        JsonNode fays = ok(app.api().get("/api/message_groups", fay.token));
        assertThat(fays.get(0).get("message").asText()).isEqualTo("older, answered");
        assertThat(fays.get(0).get("unread_count").asInt()).isZero();
        assertThat(unread(fay).get("message_groups").asInt()).isZero();
    }

    @Test
    void expiredMessagesVanishFromBothSidesAndAConversationOfOnlyExpiredOnesLeavesTheList() {
        Person hal = person("hal_dm", "Hal");
        Person ivy = person("ivy_dm", "Ivy");
        everyone(ivy);
        JsonNode sent = created(send(hal, "soon gone", "1-hour", "ivy_dm", null));
        String group = sent.get("message_group_uuid").asText();
        assertThat(unread(ivy).get("message_groups").asInt()).isEqualTo(1);
        // An hour passes for this message (and the conversation's rows, which copy its expiry).
        app.server().database().jdbi().useHandle(h -> {
            h.createUpdate("UPDATE messages SET created_at = created_at - interval '2 hours',"
                    + " expires_at = expires_at - interval '2 hours' WHERE message_group_uuid = CAST(:g AS uuid)")
                    .bind("g", group).execute();
            h.createUpdate("UPDATE message_group_members SET expires_at = expires_at - interval '2 hours',"
                    + " received_expires_at = received_expires_at - interval '2 hours',"
                    + " unread_expires_at = unread_expires_at - interval '2 hours'"
                    + " WHERE message_group_uuid = CAST(:g AS uuid)").bind("g", group).execute();
        });
        for (Person p : List.of(hal, ivy)) {
            assertThat(ok(app.api().get("/api/messages/" + group, p.token))).isEmpty();
            assertThat(ok(app.api().get("/api/message_groups", p.token))).isEmpty();
        }
        assertThat(unread(ivy).get("message_groups").asInt()).isZero();
        assertThat(unread(ivy).get("last_message_at").isNull()).isTrue();
        Response delete = app.api().send("DELETE", "/api/messages/" + sent.get("uuid").asText(), hal.token);
        assertThat(delete.errorCodes()).containsExactly("message_not_found");
    }

    @Test
    void badInputIsAClearErrorAndNothingIsStored() {
        Person jo = person("jo_dm", "Jo");
        Person kim = person("kim_dm", "Kim");
        everyone(kim);

        assertThat(send(jo, "   ", null, "kim_dm", null).errorCodes()).containsExactly("message_blank");
        assertThat(send(jo, null, null, "kim_dm", null).errorCodes()).containsExactly("message_blank");
        assertThat(send(jo, "🦊".repeat(1025), null, "kim_dm", null).errorCodes())
                .containsExactly("message_exceed_max_chars");
        assertThat(send(jo, "🦊".repeat(1024), null, "kim_dm", null).status()).isEqualTo(201);
        assertThat(send(jo, "x", "2-weeks", "kim_dm", null).errorCodes()).containsExactly("ttl_invalid");
        assertThat(send(jo, "", "2-weeks", "kim_dm", null).errorCodes()).containsExactly("message_blank", "ttl_invalid");
        Response self = send(jo, "me", null, "JO_DM", null);
        assertThat(self.status()).isEqualTo(422);
        assertThat(self.errorCodes()).containsExactly("message_to_self");
        assertThat(self.json().get("errors").get(0).get("field").asText()).isEqualTo("handle");
        assertThat(send(jo, "x", null, null, null).errorCodes()).containsExactly("recipient_invalid");
        assertThat(send(jo, "x", null, "kim_dm", "6d7e2c63-1111-4f4f-8888-000000000000").errorCodes())
                .containsExactly("recipient_invalid");
        Response nobody = send(jo, "x", null, "nobody_here", null);
        assertThat(nobody.status()).isEqualTo(404);
        assertThat(nobody.errorCodes()).containsExactly("user_not_found");
        assertThat(send(jo, "x", null, "not a handle!", null).errorCodes()).containsExactly("user_not_found");
        for (String group : List.of("6d7e2c63-1111-4f4f-8888-000000000000", "nope", "1-2-3-4-5")) {
            Response unknown = send(jo, "x", null, null, group);
            assertThat(unknown.status()).isEqualTo(404);
            assertThat(unknown.errorCodes()).containsExactly("message_group_not_found");
        }
        Response typed = app.api().postJson("/api/messages", "{\"message\":1,\"handle\":[\"kim_dm\"]}", jo.token);
        assertThat(typed.errorCodes()).containsExactlyInAnyOrder("message_invalid", "handle_invalid");
        assertThat(app.api().postJson("/api/messages", "[]", jo.token).status()).isEqualTo(400);
        assertThat(app.api().get("/api/message_groups?limit=0", jo.token).errorCodes()).containsExactly("limit_invalid");
        assertThat(app.api().get("/api/message_groups?cursor=zzz", jo.token).errorCodes()).containsExactly("cursor_invalid");
        String group = ok(app.api().get("/api/message_groups", jo.token)).get(0).get("uuid").asText();
        assertThat(app.api().get("/api/messages/" + group + "?limit=101", jo.token).errorCodes())
                .containsExactly("limit_invalid");
        for (String cursor : List.of("zzz", "bTE6MA", "bTE6LTE", "MTo1OjU")) {
            assertThat(app.api().get("/api/messages/" + group + "?cursor=" + cursor, jo.token).errorCodes())
                    .as(cursor).containsExactly("cursor_invalid");
        }
        // Only the one 1,024-character message was stored.
        assertThat(ok(app.api().get("/api/messages/" + group, kim.token))).hasSize(1);

        for (Response anonymous : List.of(app.api().get("/api/message_groups"),
                app.api().get("/api/message_groups/" + group),
                app.api().get("/api/messages/" + group),
                app.api().get("/api/unread-counts"),
                app.api().send(app.api().jsonPost("/api/messages", "{\"message\":\"x\",\"handle\":\"kim_dm\"}", null)),
                app.api().send(app.api().request("/api/messages/" + group).DELETE().build()))) {
            assertThat(anonymous.status()).isEqualTo(401);
            assertThat(anonymous.errorCodes()).containsExactly("token_missing");
        }
    }

    @Test
    void theApiIndexListsTheMessagesRoutes() {
        assertThat(app.api().get("/api").json().get("endpoints").toString()).contains("GET /api/message_groups",
                "GET /api/message_groups/{uuid}", "GET /api/messages/{message_group_uuid}", "POST /api/messages",
                "DELETE /api/messages/{uuid}", "GET /api/unread-counts");
    }

    @Test
    void unreadCountsCarryTheNotificationsToo() {
        Person lou = person("lou_dm", "Lou");
        Person max = person("max_dm", "Max");
        assertThat(app.api().send("PUT", "/api/users/@lou_dm/follow", max.token).status()).isEqualTo(200);
        JsonNode counts = unread(lou);
        assertThat(counts.get("notifications").asInt()).isEqualTo(1);
        assertThat(counts.get("message_groups").asInt()).isZero();
        assertThat(counts.get("last_message_at").isNull()).isTrue();
        assertThat(counts.size()).isEqualTo(3);
    }

    // ---------------------------------------------------------------------------------------------

    /** A signed-up person and their token. */
    record Person(SignedUpUser user, String token) {
    }

    static Person person(String handle, String name) {
        SignedUpUser user = app.register(handle, name);
        return new Person(user, app.tokenOf(user));
    }

    static void everyone(Person person) {
        ok(app.api().postJson("/api/profile/update", "{\"messages_from\":\"everyone\"}", person.token));
    }

    static Response send(Person from, String message, String ttl, String handle, String group) {
        ObjectNode body = JSON.createObjectNode();
        body.put("message", message);
        if (ttl != null) {
            body.put("ttl", ttl);
        }
        if (handle != null) {
            body.put("handle", handle);
        }
        if (group != null) {
            body.put("message_group_uuid", group);
        }
        return app.api().postJson("/api/messages", body.toString(), from.token);
    }

    static JsonNode created(Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json();
    }

    static JsonNode ok(Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private static JsonNode unread(Person person) {
        return ok(app.api().get("/api/unread-counts", person.token));
    }

    private static JsonNode profile(String handle, Person reader) {
        return ok(app.api().get("/api/users/@" + handle, reader.token));
    }

    private static List<String> texts(JsonNode messages) {
        List<String> texts = new ArrayList<>();
        messages.forEach(m -> texts.add(m.get("message").asText()));
        return texts;
    }
}
