package dev.cruddur.server.hostile;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The hostile-input corpus: named generators, each producing requests of one class of bad input
 * over every route, from one seeded {@link Random}. The same seed gives the same requests in the
 * same order, so a failure can be replayed with {@code -Dcruddur.hostile.seed=<seed>}.
 */
final class HostileCorpus {

    /**
     * What the generators need from the running server: a real user's token, real ids and cursors.
     *
     * @param apiEndpoints     the routes as {@code GET /api} lists them from the router, e.g. {@code GET /api/users/@{handle}}
     * @param messageGroupUuid a conversation of the token's user, with {@code messageUuid} in it (theirs)
     */
    record Fixtures(String token, String handle, String crudUuid, String cursor, List<String> webFiles,
                    List<String> apiEndpoints, String messageGroupUuid, String messageUuid) {
    }

    /** One class of input and how many requests of it the corpus holds. */
    record Generator(String name, int count, Function<Random, HostileRequest> make) {
    }

    private static final List<String> COGNITO_ACTIONS = List.of("SignUp", "ConfirmSignUp", "ResendConfirmationCode",
            "InitiateAuth", "GetUser", "ForgotPassword", "ConfirmForgotPassword");
    /** The server's default request-body limit: strings are sized around it. */
    private static final int BODY_LIMIT = 64 * 1024;

    private final Fixtures fixtures;
    private final List<String> getRoutes;
    /** Every other route: {@code "PUT /api/activities/{uuid}/like"}, its parameters left to fill. */
    private final List<String> writeEndpoints;
    private final List<String> pagedRoutes;

    HostileCorpus(Fixtures fixtures) {
        this.fixtures = fixtures;
        String crud = fixtures.crudUuid();
        String handle = fixtures.handle();
        this.pagedRoutes = List.of("/api/activities/home", "/api/activities/search?term=hostile",
                "/api/activities/notifications", "/api/activities/@" + handle, "/api/activities/" + crud,
                "/api/message_groups", "/api/messages/" + fixtures.messageGroupUuid());
        List<String> pages = List.of("/", "/@" + handle, "/@" + handle + "/followers", "/@" + handle + "/following",
                "/cruds/" + crud, "/search", "/notifications", "/signup", "/confirm", "/signin", "/forgot-password");
        // Every GET route the server has, with this corpus's handle and crud in its parameters.
        List<String> apiGets = fixtures.apiEndpoints().stream().filter(endpoint -> endpoint.startsWith("GET "))
                .map(endpoint -> path(endpoint, crud)).toList();
        this.getRoutes = Stream.of(apiGets, pagedRoutes, pages, fixtures.webFiles()).flatMap(List::stream).distinct().toList();
        this.writeEndpoints = fixtures.apiEndpoints().stream()
                .filter(endpoint -> !endpoint.startsWith("GET ") && !endpoint.startsWith("HEAD ")).toList();
    }

    /**
     * A write route of the server with {@code uuid} (and this corpus's handle) in its parameters;
     * a deletion of the corpus's crud names one that is not there instead (the test checks nothing was lost).
     */
    private HostileRequest write(Random r, String uuid, List<Map.Entry<String, String>> headers) {
        String endpoint = pick(r, writeEndpoints);
        String method = endpoint.substring(0, endpoint.indexOf(' '));
        String target = endpoint.equals("DELETE /api/activities/{uuid}") && uuid.equals(fixtures.crudUuid())
                || endpoint.equals("DELETE /api/messages/{uuid}") && uuid.equals(fixtures.messageUuid())
                ? UUID.nameUUIDFromBytes(bytes(r, 16)).toString() : uuid;
        String path = path(endpoint, target);
        if (method.equals("POST")) {
            List<Map.Entry<String, String>> json = new ArrayList<>(headers);
            json.add(Map.entry("Content-Type", "application/json"));
            return HostileRequest.of(method, path, json, r.nextBoolean() ? "{\"message\":\"hostile\",\"ttl\":\"1-day\"}"
                    : "{\"message\":\"hostile\",\"ttl\":\"1-day\",\"message_group_uuid\":\"" + uuid + "\"}");
        }
        return HostileRequest.of(method, path, headers, null);
    }

    List<Generator> generators() {
        return List.of(
                new Generator("random-bytes-body", 800, this::randomBytesBody),
                new Generator("random-bytes-path", 800, this::randomBytesPath),
                new Generator("wrong-json-types", 1000, this::wrongJsonTypes),
                new Generator("deep-nesting", 200, this::deepNesting),
                new Generator("huge-numbers", 600, this::hugeNumbers),
                new Generator("huge-strings", 150, this::hugeStrings),
                new Generator("bad-limits", 800, this::badLimits),
                new Generator("forged-cursors", 800, this::forgedCursors),
                new Generator("invalid-uuids", 600, this::invalidUuids),
                new Generator("odd-unicode", 1200, this::oddUnicode),
                new Generator("bad-content-types", 600, this::badContentTypes),
                new Generator("oversized-headers", 200, this::oversizedHeaders),
                new Generator("bad-bearer-tokens", 800, this::badBearerTokens),
                new Generator("wrong-methods", 800, this::wrongMethods),
                new Generator("path-traversal", 600, this::pathTraversal),
                new Generator("broken-request-lines", 200, this::brokenRequestLines));
    }

    /** Every request of every generator, in a fixed order. */
    List<HostileRequest> generate(long seed) {
        Random random = new Random(seed);
        List<HostileRequest> all = new ArrayList<>();
        for (Generator generator : generators()) {
            for (int i = 0; i < generator.count(); i++) {
                all.add(generator.make().apply(random).from(generator.name()));
            }
        }
        return all;
    }

    // ---- the generators -------------------------------------------------------------------

    private HostileRequest randomBytesBody(Random r) {
        return jsonPost(r, byteString(bytes(r, r.nextInt(2048))));
    }

    private HostileRequest randomBytesPath(Random r) {
        String prefix = pick(r, "/api/activities/", "/api/activities/@", "/api/users/@", "/api/activities/search?term=",
                "/", "/js/", "/cruds/", "/@", "/local-cognito/", "/api/activities/home?cursor=");
        byte[] segment = bytes(r, 1 + r.nextInt(64));
        String method = pick(r, "GET", "GET", "HEAD", "POST");
        if (r.nextBoolean()) {
            return HostileRequest.of(method, prefix + HexFormat.of().withPrefix("%").withUpperCase().formatHex(segment),
                    auth(r), null);
        }
        // Raw bytes in the request target: no client library sends these.
        return HostileRequest.of(method, prefix + byteString(segment), auth(r), null);
    }

    private HostileRequest wrongJsonTypes(Random r) {
        String[] wrong = {"123", "-1", "1.5", "true", "false", "null", "[]", "[\"a\"]", "{}", "{\"a\":\"b\"}",
                "[null]", "\"\"", "0", "{\"S\":\"x\"}"};
        int target = r.nextInt(5);
        if (target == 4) {
            String body = "{\"message\":" + pick(r, wrong) + ",\"ttl\":" + pick(r, wrong) + ","
                    + pick(r, "\"handle\":", "\"message_group_uuid\":") + pick(r, wrong) + "}";
            return api("/api/messages", r.nextInt(4) == 0 ? pick(r, wrong) : body, r);
        }
        if (target == 0) {
            String body = "{\"message\":" + pick(r, wrong) + ",\"ttl\":" + pick(r, wrong) + "}";
            return api("/api/activities", body, r);
        }
        if (target == 1) {
            String body = r.nextInt(4) == 0 ? pick(r, wrong) : "{\"message\":" + pick(r, wrong) + "}";
            return api("/api/activities/" + fixtures.crudUuid() + "/reply", body, r);
        }
        if (target == 2) {
            return api("/api/activities", pick(r, wrong), r);
        }
        Map<String, String> members = new LinkedHashMap<>();
        members.put("ClientId", r.nextInt(4) == 0 ? pick(r, wrong) : "\"cruddur-local\"");
        for (String member : List.of("Username", "Password", "ConfirmationCode", "AuthFlow", "AuthParameters",
                "UserAttributes", "AccessToken")) {
            if (r.nextBoolean()) {
                members.put(member, pick(r, wrong));
            }
        }
        if (r.nextBoolean()) {
            members.put("AuthParameters", "{\"USERNAME\":" + pick(r, wrong) + ",\"PASSWORD\":" + pick(r, wrong) + "}");
        }
        if (r.nextBoolean()) {
            members.put("UserAttributes", "[{\"Name\":" + pick(r, wrong) + ",\"Value\":" + pick(r, wrong) + "}]");
        }
        return cognito(r, members.entrySet().stream().map(member -> "\"" + member.getKey() + "\":" + member.getValue())
                .collect(Collectors.joining(",", "{", "}")));
    }

    private HostileRequest deepNesting(Random r) {
        int depth = pick(r, 100, 1_000, 5_000, 10_000, 30_000);
        String open = pick(r, "[", "{\"a\":", "{\"message\":");
        String close = open.equals("[") ? "]" : "}";
        String nested = open.repeat(depth) + "1" + close.repeat(depth);
        String body = r.nextBoolean() ? nested : "{\"message\":" + nested + ",\"ttl\":\"1-day\"}";
        return jsonPost(r, body);
    }

    private HostileRequest hugeNumbers(Random r) {
        String number = pick(r, "1e400", "-1e400", "1e-400", "9223372036854775808", "-9223372036854775809",
                "18446744073709551616", "-0", "-0.0", "0e999999999", "1" + "0".repeat(1000), "1" + "0".repeat(5000),
                "NaN", "Infinity", "-Infinity", "0x10", "1_000", "01", ".5", "5.", "1e", "--1", "+1", "\"NaN\"", "\"1e400\"");
        return switch (r.nextInt(5)) {
            case 4 -> api("/api/messages", "{\"message\":" + number + ",\"ttl\":" + number + ",\"message_group_uuid\":"
                    + number + "}", r);
            case 0 -> get(withQuery(pick(r, pagedRoutes), "limit=" + urlEncode(number.replace("\"", ""))), auth(r));
            case 1 -> api("/api/activities", "{\"message\":" + number + ",\"ttl\":" + number + "}", r);
            case 2 -> api("/api/activities", "{\"message\":\"numbers\",\"ttl\":\"1-day\",\"extra\":" + number + "}", r);
            default -> cognito(r, "{\"ClientId\":\"cruddur-local\",\"Username\":" + number + ",\"Password\":" + number + "}");
        };
    }

    private HostileRequest hugeStrings(Random r) {
        int size = pick(r, 281, 1025, 10_000, BODY_LIMIT - 40, BODY_LIMIT - 20, BODY_LIMIT, BODY_LIMIT + 1,
                2 * BODY_LIMIT, 1_000_000);
        String text = "x".repeat(size);
        return switch (r.nextInt(8)) {
            case 6 -> api("/api/messages", "{\"message\":\"" + text + "\",\"message_group_uuid\":\""
                    + fixtures.messageGroupUuid() + "\"}", r);
            case 7 -> api("/api/messages", "{\"message\":\"hi\",\"handle\":\"" + text + "\"}", r);
            case 0 -> api("/api/activities", "{\"message\":\"" + text + "\",\"ttl\":\"1-day\"}", r);
            case 1 -> api("/api/activities/" + fixtures.crudUuid() + "/reply", "{\"message\":\"" + text + "\"}", r);
            case 2 -> cognito(r,
                    "{\"ClientId\":\"cruddur-local\",\"Username\":\"" + text + "@example.com\",\"Password\":\"" + text + "\"}");
            case 3 -> get("/api/activities/search?term="
                    + "y".repeat(Math.min(size, 20_000)), auth(r));
            case 4 -> get("/api/activities/@" + "h".repeat(Math.min(size, 20_000)),
                    List.of());
            // Announced far larger than it is: refused from the header alone, nothing waited for.
            default -> HostileRequest.wire("POST /api/activities HTTP/1.1\r\nHost: localhost\r\n"
                    + "Authorization: Bearer " + fixtures.token() + "\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + pick(r, "1000000000000", "99999999999999999999", "-1", "1e3", "0x10")
                    + "\r\nConnection: close\r\n\r\n{\"message\":\"hi\"}");
        };
    }

    private HostileRequest badLimits(Random r) {
        String limit = pick(r, "-1", "0", "101", "100000", "2147483647", "2147483648", "-2147483649", "abc", "",
                " ", "1.5", "1e2", "0x10", "٣", "１０", "+5", "--5", " 5 ", "5%00", "%00", "9".repeat(100), "null", "[]");
        String route = pick(r, pagedRoutes);
        String query = r.nextInt(5) == 0 ? "limit=" + urlEncode(limit) + "&limit=7" : "limit=" + urlEncode(limit);
        return get(withQuery(route, query), auth(r));
    }

    private HostileRequest forgedCursors(Random r) {
        String real = fixtures.cursor();
        String decoded = new String(Base64.getUrlDecoder().decode(real), StandardCharsets.US_ASCII);
        String[] parts = decoded.split(":");
        String cursor = switch (r.nextInt(13)) {
            case 0 -> Base64.getUrlEncoder().encodeToString(bytes(r, 1 + r.nextInt(80)));
            case 1 -> real.substring(0, r.nextInt(real.length()));
            case 2 -> flip(r, real);
            case 3 -> b64("1:" + pick(r, "-1", "9223372036854775807", "-9223372036854775808", "253402300800000000",
                    "99999999999999999999", "1e3", "") + ":" + parts[2]);
            case 4 -> b64("1:" + parts[1] + ":" + pick(r, "not-a-uuid", "00000000-0000-0000-0000-000000000000",
                    "ffffffff-ffff-ffff-ffff-ffffffffffff", "", "1-1-1-1-1", parts[2] + "\u0000"));
            case 5 -> b64(pick(r, "2", "0", "", "1\u0000") + ":" + parts[1] + ":" + parts[2]);
            case 6 -> b64(decoded + ":extra");
            case 7 -> Base64.getEncoder().encodeToString(decoded.getBytes(StandardCharsets.US_ASCII)) + "==";
            case 8 -> real + pick(r, "=", "%", "%00", "+", "/", "..");
            case 9 -> "A".repeat(pick(r, 1, 4, 5, 1000, 8000));
            case 10 -> b64("1:" + parts[1] + ":" + parts[2] + "\u0000");
            // A conversation's cursor is a message number: forged ones for every list.
            case 11 -> b64(pick(r, "m1:", "m2:", "m1", ":") + pick(r, "0", "-1", "1", "9223372036854775807",
                    "9223372036854775808", "99999999999999999999", "1e3", "", " 5", "5\u0000", "0x10", "٣"));
            default -> b64(byteString(bytes(r, 30)));
        };
        return get(withQuery(pick(r, pagedRoutes), "cursor=" + urlEncode(cursor)), auth(r));
    }

    private HostileRequest invalidUuids(Random r) {
        String uuid = fixtures.crudUuid();
        String bad = pick(r, "not-a-uuid", "00000000-0000-0000-0000-000000000000", "ffffffff-ffff-ffff-ffff-ffffffffffff",
                uuid.toUpperCase(), "{" + uuid + "}", uuid.replace("-", ""), uuid + "0", uuid.substring(1),
                "g" + uuid.substring(1), "1-1-1-1-1", "+" + uuid.substring(1), "-" + uuid.substring(1),
                "0000000-00000-0000-0000-000000000000", "0x000000-0000-0000-0000-000000000000",
                uuid.substring(0, 35) + "%00", "%20" + uuid, "@", "@@", "-1", "9".repeat(36),
                "zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz", "00000000-0000-0000-0000-00000000000\u0661");
        String encoded = urlEncode(bad).replace("%2500", "%00").replace("%2520", "%20");
        return switch (r.nextInt(8)) {
            case 5 -> get(pick(r, "/api/messages/", "/api/message_groups/") + encoded, auth(r));
            case 6 -> HostileRequest.of("DELETE", "/api/messages/" + encoded, auth(r), null);
            case 7 -> api("/api/messages", "{\"message\":\"m\",\"message_group_uuid\":\"" + bad.replace("\\", "\\\\")
                    .replace("\"", "\\\"") + "\"}", r);
            case 0, 1 -> get("/api/activities/" + encoded, auth(r));
            case 2 -> api("/api/activities/" + encoded + "/reply", "{\"message\":\"a reply\"}", r);
            case 3 -> write(r, encoded, auth(r));
            default -> get("/cruds/" + encoded, List.of());
        };
    }

    private HostileRequest oddUnicode(Random r) {
        // JSON escapes PostgreSQL or Java cannot store as text, and characters that are legal but odd.
        String escaped = pick(r, "\\u0000", "a\\u0000b", "\\ud800", "\\udfff", "\\ud800\\u0041", "\\udbff\\udfff",
                "\\u202e\\u202dhi", "\\u200b\\u200d\\ufeff", "e" + "\\u0301".repeat(300), "\\ud83d\\ude00".repeat(10),
                "\\ufffe\\uffff", "\\u0085\\u2028\\u2029", "\\u001b[31mred", "\\r\\n\\t", "\\\\", "\\u0000".repeat(100));
        // Bytes that are not UTF-8: overlong NUL, an encoded surrogate, 0xFF, a five-byte form, a cut sequence.
        String broken = byteString(HexFormat.of().parseHex(pick(r, "c080", "eda080", "ff", "f888808080", "e282", "f4908080", "00")));
        String percent = pick(r, "%00", "a%00b", "%C0%80", "%ED%A0%80", "%FF", "%E2%82", "%E2%80%AE", "%F0%9F%98%80",
                "%EF%BB%BF", "%CC%81".repeat(50), "%F4%90%80%80", "%2500");
        return switch (r.nextInt(11)) {
            case 9 -> api("/api/messages", "{\"message\":\"" + escaped + "\",\"message_group_uuid\":\""
                    + fixtures.messageGroupUuid() + "\"}", r);
            case 10 -> api("/api/messages", "{\"message\":\"hi\",\"handle\":\"" + escaped + "\",\"ttl\":\"" + escaped + "\"}", r);
            case 0 -> api("/api/activities", "{\"message\":\"" + escaped + "\",\"ttl\":\"1-day\"}", r);
            case 1 -> api("/api/activities", "{\"message\":\"ok\",\"ttl\":\"" + escaped + "\"}", r);
            case 2 -> jsonPost(r, "{\"message\":\"x" + broken + "y\",\"ttl\":\"1-day\"}");
            case 3 -> api("/api/activities/" + fixtures.crudUuid() + "/reply", "{\"message\":\"" + escaped + "\"}", r);
            case 4 -> get("/api/activities/search?term=" + percent, auth(r));
            case 5 -> get(pick(r, "/api/activities/@", "/api/users/@", "/@") + percent,
                    List.of());
            case 6 -> cognito(r, "{\"ClientId\":\"cruddur-local\",\"Username\":\""
                    + escaped + "@example.com\",\"Password\":\"P4ss-" + escaped + "\",\"ConfirmationCode\":\"" + escaped
                    + "\",\"AuthFlow\":\"USER_PASSWORD_AUTH\",\"AuthParameters\":{\"USERNAME\":\"" + escaped
                    + "\",\"PASSWORD\":\"" + escaped + "\"},\"UserAttributes\":[{\"Name\":\"preferred_username\",\"Value\":\""
                    + escaped + "\"},{\"Name\":\"" + escaped + "\",\"Value\":\"x\"}],\"AccessToken\":\"" + escaped + "\"}");
            case 7 -> cognito(r, "{\"ClientId\":\"cruddur-local\",\"Username\":\"a" + broken + "@example.com\"}");
            default -> get("/api/activities/home?cursor=" + percent, auth(r));
        };
    }

    private HostileRequest badContentTypes(Random r) {
        String type = pick(r, null, "", "text/plain", "application/xml", "application/jsonx", "application/json-patch+json",
                "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/json; charset=utf-16",
                "application/json; charset=bogus", "application/json; charset=\"", "application/json;;;", "*/*",
                "APPLICATION/JSON", "application/json, text/plain", "a".repeat(4000), "application/json\t", ";",
                "application/x-amz-json-1.0", "text/html; charset=utf-8");
        boolean cognitoRoute = r.nextBoolean();
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        if (type != null) {
            headers.add(Map.entry("Content-Type", type));
        }
        String body = cognitoRoute ? "{\"ClientId\":\"cruddur-local\",\"Username\":\"ct@example.com\"}"
                : r.nextBoolean() ? "{\"message\":\"typed\",\"ttl\":\"1-day\"}" : "message=typed&ttl=1-day";
        if (cognitoRoute) {
            headers.add(amzTarget(r));
            return HostileRequest.of("POST", "/local-cognito", headers, body);
        }
        headers.add(Map.entry("Authorization", "Bearer " + fixtures.token()));
        return HostileRequest.of("POST", pick(r, "/api/activities",
                "/api/activities/" + fixtures.crudUuid() + "/reply", "/api/messages", "/api/profile/update"), headers, body);
    }

    private HostileRequest oversizedHeaders(Random r) {
        String route = pick(r, getRoutes);
        return switch (r.nextInt(7)) {
            case 0 -> get(route, List.of(Map.entry("X-Big", "b".repeat(20_000))));
            case 1 -> {
                List<Map.Entry<String, String>> many = new ArrayList<>();
                for (int i = 0; i < pick(r, 200, 1000, 3000); i++) {
                    many.add(Map.entry("X-H" + i, "v".repeat(r.nextInt(20))));
                }
                yield get(route, many);
            }
            case 2 -> get(route,
                    List.of(Map.entry("Authorization", "Bearer " + "t".repeat(pick(r, 10_000, 15_000, 20_000)))));
            case 3 -> wireRequest("GET " + route + " HTTP/1.1\r\nHost: localhost\r\nX-Ctl: a\u0001b\u007fc\r\n");
            case 4 -> wireRequest("GET " + route + " HTTP/1.1\r\nHost: localhost\r\nX-Fold: a\r\n folded\r\n");
            case 5 -> wireRequest("POST /api/activities HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 5\r\nContent-Length: 50\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n");
            default -> wireRequest("GET " + route + " HTTP/1.1\r\nHost: localhost\r\nBad Name: x\r\n: empty\r\nX-Nul: a\u0000b\r\n");
        };
    }

    private HostileRequest badBearerTokens(Random r) {
        String[] real = fixtures.token().split("\\.");
        String header = pick(r,
                "Bearer", "Bearer ", "Bearer  " + fixtures.token(), "bearer " + fixtures.token(), "Basic dXNlcjpwYXNz",
                "Bearer " + fixtures.token() + "x", "Bearer " + real[0] + "." + real[1] + ".",
                "Bearer " + b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + real[1] + ".",
                "Bearer " + b64("{\"alg\":\"HS256\",\"typ\":\"JWT\"}") + "." + real[1] + "." + real[2],
                "Bearer " + real[0] + "." + b64("{\"sub\":\"x\",\"exp\":1,\"token_use\":\"access\"}") + "." + real[2],
                "Bearer " + real[0] + "." + flip(r, real[1]) + "." + real[2],
                "Bearer " + real[0] + "." + real[1] + "." + flip(r, real[2]),
                "Bearer " + b64("{\"alg\":\"RS256\",\"kid\":\"../../etc/passwd\"}") + "." + real[1] + "." + real[2],
                "Bearer " + b64("{\"alg\":\"RS256\",\"jku\":\"http://evil.example/jwks\"}") + "." + real[1] + "." + real[2],
                "Bearer " + b64("not json") + "." + b64("[]") + "." + real[2],
                "Bearer a.b.c", "Bearer ....", "Bearer " + "a".repeat(5000), "Bearer %00", "Bearer \u00ff\u00fe",
                "Bearer " + Base64.getEncoder().encodeToString(bytes(r, 200)), "Token " + fixtures.token());
        String route = pick(r, "/api/activities/notifications", "/api/activities/home", "/api/activities/home?limit=3",
                "/api/activities", "/api/activities/" + fixtures.crudUuid() + "/reply", "/api/activities/@" + fixtures.handle());
        List<Map.Entry<String, String>> headers = new ArrayList<>(List.of(Map.entry("Authorization", header)));
        if (r.nextInt(10) == 0) {
            headers.add(Map.entry("Authorization", "Bearer " + fixtures.token()));
        }
        if (r.nextInt(3) == 0) {
            return write(r, fixtures.crudUuid(), headers);
        }
        boolean write = route.equals("/api/activities") || route.endsWith("/reply");
        if (write) {
            headers.add(Map.entry("Content-Type", "application/json"));
            return HostileRequest.of("POST", route, headers, "{\"message\":\"forged\",\"ttl\":\"1-day\"}");
        }
        return get(route, headers);
    }

    private HostileRequest wrongMethods(Random r) {
        String method = pick(r, "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "HEAD", "POST", "GET", "FOO", "get",
                "PROPFIND", "CONNECT", "M-SEARCH", "G E T");
        List<String> writePaths = writeEndpoints.stream().map(endpoint -> path(endpoint, fixtures.crudUuid())).toList();
        String route = pick(r, Stream.of(getRoutes, writePaths, List.of("/api/*", "/*", "*")).flatMap(List::stream).toList());
        if (method.equals("DELETE") && route.equals("/api/activities/" + fixtures.crudUuid())) {
            // A real deletion, which the corpus's token may make: aimed at a crud that is not there.
            route = "/api/activities/" + UUID.nameUUIDFromBytes(bytes(r, 16));
        }
        List<Map.Entry<String, String>> headers = new ArrayList<>(auth(r));
        if (r.nextBoolean()) {
            headers.add(Map.entry("Origin", pick(r, "http://localhost:3000", "http://evil.example", "null")));
            headers.add(Map.entry("Access-Control-Request-Method", pick(r, "POST", "DELETE", "GET")));
        }
        if (route.startsWith("/local-cognito")) {
            headers.add(amzTarget(r));
        }
        String body = r.nextBoolean() ? "{\"message\":\"m\",\"ttl\":\"1-day\"}" : null;
        if (method.contains(" ") || !method.equals(method.toUpperCase()) || route.equals("*") || method.equals("CONNECT")) {
            return wireRequest(method + " " + route + " HTTP/1.1\r\nHost: localhost\r\n");
        }
        return HostileRequest.of(method, route, headers, body);
    }

    private HostileRequest pathTraversal(Random r) {
        String path = pick(r, "/../../../../etc/passwd", "/js/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd",
                "/js/%2e%2e/%2e%2e/%2e%2e/etc/passwd", "/js/..%2f..%2f..%2fetc/passwd", "/%252e%252e/%252e%252e/etc/passwd",
                "/js/%252e%252e%252fapp.js", "/..\\..\\..\\etc\\passwd", "/js\\..\\..\\pom.xml", "/js/..%5c..%5cpom.xml",
                "/WEB-INF/web.xml", "/META-INF/MANIFEST.MF", "/web/index.html", "/dev/cruddur/server/CruddurApp.class",
                "/simplelogger.properties", "/js/app.js%00.png", "/js/app.js\u0000", "/index.html%00", "/etc/passwd",
                "//etc/passwd", "///etc//passwd", "/file:///etc/passwd", "/js/./app.js", "/js//app.js", "/./index.html",
                "/js/app.js/..", "/js/..", "/..", "/.", "/%2e", "/%c0%ae%c0%ae/etc/passwd", "/js/%c0%af..%c0%afetc/passwd",
                "/api/../js/app.js", "/api/activities/..%2f..%2fconfig", "/local-cognito/../api/config",
                "/local-cognito/.well-known/../../../etc/passwd", "/.git/config", "/.env", "/~root", "/js/APP.JS",
                "/js/app.js?../../etc/passwd", "/js/app.js#../../x", "/images/..%2f..%2findex.html",
                "/" + "../".repeat(50) + "etc/passwd", "/C:/Windows/win.ini", "/js/app.js;.css", "/js/app.js;jsessionid=1");
        String method = pick(r, "GET", "GET", "HEAD");
        return HostileRequest.of(method, path, List.of(), null);
    }

    private HostileRequest brokenRequestLines(Random r) {
        String line = pick(r, "GET\r\n\r\n", "GET / HTTP/9.9\r\nHost: x\r\n\r\n", "GET / HTTP/1.1\r\n\r\n",
                "GET / HTTP/1.0\r\n\r\n", "GET /\r\n\r\n", "GET  /  HTTP/1.1\r\nHost: x\r\n\r\n",
                "GET http://evil.example/api HTTP/1.1\r\nHost: x\r\n\r\n", "GET * HTTP/1.1\r\nHost: x\r\n\r\n",
                "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", "GET / HTTP/1.1\nHost: x\n\n", "\r\n\r\nGET / HTTP/1.1\r\nHost: x\r\n\r\n",
                "GET /" + "a".repeat(20_000) + " HTTP/1.1\r\nHost: x\r\n\r\n", "GET /api HTTP/1.1\r\nHost: x\r\nHost: y\r\n\r\n",
                "POST /api/activities HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Type: application/json\r\n\r\nZZ\r\n",
                "POST /api/activities HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\n",
                "POST /local-cognito HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\nX-Amz-Target: AWSCognitoIdentityProviderService.SignUp\r\n\r\n{\"a\":",
                "GET / HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\n\r\n",
                "GET /api/health-check HTTP/1.1\r\nHost: x\r\nUpgrade: h2c\r\nConnection: Upgrade, HTTP2-Settings\r\nHTTP2-Settings: AAMAAABkAARAAAAAAAIAAAAA\r\n\r\n");
        return HostileRequest.wire(r.nextInt(5) == 0 ? byteString(bytes(r, 1 + r.nextInt(512))) : line);
    }

    // ---- helpers -------------------------------------------------------------------------

    /** A JSON body to one of the routes that read one: a write of the API or any Cognito action. */
    private HostileRequest jsonPost(Random r, String body) {
        return switch (r.nextInt(4)) {
            case 3 -> HostileRequest.of("POST", "/api/messages", apiHeaders(r), body);
            case 0 -> HostileRequest.of("POST", "/api/activities", apiHeaders(r), body);
            case 1 -> HostileRequest.of("POST", "/api/activities/" + fixtures.crudUuid() + "/reply", apiHeaders(r), body);
            default -> cognito(r, body);
        };
    }

    private HostileRequest api(String path, String body, Random r) {
        return HostileRequest.of("POST", path, apiHeaders(r), body);
    }

    private List<Map.Entry<String, String>> apiHeaders(Random r) {
        List<Map.Entry<String, String>> headers = new ArrayList<>(List.of(Map.entry("Content-Type", "application/json")));
        // Mostly signed in, so the body is read at all; sometimes not, to check the order of checks.
        if (r.nextInt(8) != 0) {
            headers.add(Map.entry("Authorization", "Bearer " + fixtures.token()));
        }
        return headers;
    }

    /** The path of an endpoint as the router lists it ({@code "PUT /api/activities/{uuid}/like"}), its parameters filled. */
    private String path(String endpoint, String uuid) {
        String id = uuid;
        if (uuid.equals(fixtures.crudUuid()) && endpoint.contains(" /api/message") && !endpoint.startsWith("DELETE ")) {
            // The corpus's own conversation for the messages' reads. Its message is never named in
            // a deletion, which the corpus's token may make: a crud's id stands there, a 404.
            id = fixtures.messageGroupUuid();
        }
        return endpoint.substring(endpoint.indexOf(' ') + 1).replace("{handle}", fixtures.handle()).replace("{uuid}", id)
                .replace("{message_group_uuid}", uuid.equals(fixtures.crudUuid()) ? fixtures.messageGroupUuid() : uuid);
    }

    private static HostileRequest get(String target, List<Map.Entry<String, String>> headers) {
        return HostileRequest.of("GET", target, headers, null);
    }

    private static String withQuery(String route, String query) {
        return route + (route.contains("?") ? "&" : "?") + query;
    }

    private List<Map.Entry<String, String>> auth(Random r) {
        return r.nextBoolean() ? List.of(Map.entry("Authorization", "Bearer " + fixtures.token())) : List.of();
    }

    /** A request to one of the development identity provider's Cognito actions, picked at random. */
    private static HostileRequest cognito(Random r, String body) {
        return HostileRequest.of("POST", "/local-cognito",
                List.of(Map.entry("Content-Type", "application/x-amz-json-1.1"), amzTarget(r)), body);
    }

    private static Map.Entry<String, String> amzTarget(Random r) {
        return Map.entry("X-Amz-Target", "AWSCognitoIdentityProviderService." + pick(r, COGNITO_ACTIONS));
    }

    private static HostileRequest wireRequest(String head) {
        return HostileRequest.wire(head + "Connection: close\r\n\r\n");
    }

    private static byte[] bytes(Random r, int n) {
        byte[] b = new byte[n];
        r.nextBytes(b);
        return b;
    }

    /** The bytes as a byte string (see {@link HostileRequest}): one char each. */
    private static String byteString(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    private static String urlEncode(String text) {
        return java.net.URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static String b64(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** The text with one character changed, as a tamperer would. */
    private static String flip(Random r, String text) {
        int at = r.nextInt(text.length());
        char replacement = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".charAt(r.nextInt(64));
        return text.substring(0, at) + replacement + text.substring(at + 1);
    }

    @SafeVarargs
    private static <T> T pick(Random r, T... options) {
        return options[r.nextInt(options.length)];
    }

    private static <T> T pick(Random r, List<T> options) {
        return options.get(r.nextInt(options.size()));
    }
}
