package dev.cruddur.server.message;

import static dev.cruddur.server.message.MessagesApiTest.created;
import static dev.cruddur.server.message.MessagesApiTest.ok;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cruddur.activity.Cursor;
import dev.cruddur.server.ServerPerClass;
import dev.cruddur.server.SignedUpUser;
import dev.cruddur.testkit.http.ApiClient.Response;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Nobody reads, lists, infers or posts into a conversation they are not in: a third person tries
 * every route of the messages API with every id of two other people's conversation (the
 * conversation's, each message's, each person's) and gets, byte for byte, the answer a random
 * uuid gets; and afterwards nothing of the two has changed.
 */
class MessagesPrivacyApiTest {

    @RegisterExtension
    static final ServerPerClass app = ServerPerClass.trustingAPool();

    @Test
    void aThirdPersonGetsForEveryIdOfSomeoneElsesConversationExactlyTheAnswerOfAnUnknownId() {
        Person ada = person("ada_pv", "Ada");
        Person ben = person("ben_pv", "Ben");
        Person eve = person("eve_pv", "Eve");
        for (Person p : List.of(ada, ben, eve)) {
            ok(app.api().postJson("/api/profile/update", "{\"messages_from\":\"everyone\"}", p.token()));
        }
        JsonNode first = created(send(ada, "{\"message\":\"secret one\",\"handle\":\"ben_pv\"}"));
        String group = first.get("message_group_uuid").asText();
        JsonNode second = created(send(ben, "{\"message\":\"secret two\",\"message_group_uuid\":\"" + group + "\"}"));
        // Eve has a conversation of her own (with Ada), so her answers are not those of someone with none.
        String evesGroup = created(send(eve, "{\"message\":\"hi ada\",\"handle\":\"ada_pv\"}"))
                .get("message_group_uuid").asText();
        String before = state(ada, ben, group);
        String evesListBefore = ok(app.api().get("/api/message_groups", eve.token())).toString();
        String evesCountsBefore = ok(app.api().get("/api/unread-counts", eve.token())).toString();

        Map<String, String> theirIds = new LinkedHashMap<>();
        theirIds.put("their conversation", group);
        theirIds.put("Ada's message", first.get("uuid").asText());
        theirIds.put("Ben's message", second.get("uuid").asText());
        theirIds.put("Ada's user id", ada.user().uuid().toString());
        theirIds.put("Ben's user id", ben.user().uuid().toString());
        theirIds.put("the same conversation, upper case", group.toUpperCase());

        int tried = 0;
        for (Map.Entry<String, String> id : theirIds.entrySet()) {
            String random = UUID.randomUUID().toString();
            for (Probe probe : probes()) {
                Response theirs = probe.send(eve, id.getValue());
                Response unknown = probe.send(eve, random);
                assertThat(theirs.status()).as(probe.name() + " with " + id.getKey()).isEqualTo(probe.status());
                assertThat(answer(theirs)).as(probe.name() + " with " + id.getKey()).isEqualTo(answer(unknown));
                tried++;
            }
        }
        assertThat(tried).isEqualTo(theirIds.size() * probes().size());

        // Nothing of theirs moved: their messages, lists and counts, and Eve's own.
        assertThat(state(ada, ben, group)).isEqualTo(before);
        assertThat(ok(app.api().get("/api/message_groups", eve.token())).toString()).isEqualTo(evesListBefore)
                .contains(evesGroup).doesNotContain(group);
        assertThat(ok(app.api().get("/api/unread-counts", eve.token())).toString()).isEqualTo(evesCountsBefore);
    }

    /** One way of naming a conversation or a message in a request. */
    private record Probe(String name, int status, BiFunction<Person, String, Response> request) {

        Response send(Person as, String id) {
            return request.apply(as, id);
        }
    }

    private static List<Probe> probes() {
        return List.of(
                new Probe("GET /api/message_groups/{uuid}", 404, (p, id) -> app.api().get("/api/message_groups/" + id, p.token())),
                new Probe("GET /api/messages/{uuid}", 404, (p, id) -> app.api().get("/api/messages/" + id, p.token())),
                new Probe("GET /api/messages/{uuid} with a cursor", 404, (p, id) -> app.api().get("/api/messages/" + id
                        + "?limit=5&cursor=bTE6Mg", p.token())),
                new Probe("POST /api/messages into it", 404, (p, id) -> send(p,
                        "{\"message\":\"let me in\",\"message_group_uuid\":\"" + id + "\"}")),
                new Probe("DELETE /api/messages/{uuid}", 404, (p, id) -> app.api().send("DELETE", "/api/messages/" + id, p.token())),
                // A list cursor is any position: Eve's own list from there, whatever uuid it holds.
                new Probe("GET /api/message_groups?cursor= made of it", 200, (p, id) -> app.api().get(
                        "/api/message_groups?cursor=" + new Cursor(Instant.now(),
                                UUID.fromString(id)).encode(), p.token())));
    }

    /** Everything a client could compare: status, error body, and whether a next page is offered. */
    private static String answer(Response response) {
        return response.status() + " " + response.body() + " next=" + (response.header("X-Next-Cursor") != null);
    }

    /** What Ada and Ben see of their conversation, read without marking anything read. */
    private static String state(Person ada, Person ben, String group) {
        return ok(app.api().get("/api/message_groups", ada.token())) + "\n"
                + ok(app.api().get("/api/message_groups", ben.token())) + "\n"
                + ok(app.api().get("/api/unread-counts", ada.token())) + "\n"
                + ok(app.api().get("/api/unread-counts", ben.token())) + "\n"
                + app.server().database().jdbi().withHandle(h -> h.createQuery(
                        "SELECT string_agg(seq || ':' || message, ',' ORDER BY seq) FROM messages"
                                + " WHERE message_group_uuid = CAST(:g AS uuid)").bind("g", group).mapTo(String.class).one());
    }

    record Person(SignedUpUser user, String token) {
    }

    private static Person person(String handle, String name) {
        SignedUpUser user = app.register(handle, name);
        return new Person(user, app.tokenOf(user));
    }

    private static Response send(Person from, String json) {
        return app.api().postJson("/api/messages", json, from.token());
    }
}
