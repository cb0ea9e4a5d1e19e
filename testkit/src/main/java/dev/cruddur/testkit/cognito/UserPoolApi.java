package dev.cruddur.testkit.cognito;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import dev.cruddur.testkit.cognito.Endpoint.Answer;
import java.io.IOException;
import java.text.ParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The answers of the pool's user-pool API, of which only {@code GetUser} is served: in Cognito's
 * JSON protocol ({@code X-Amz-Target}, {@code application/x-amz-json-1.1}), so the real AWS SDK
 * can call it. It knows the people a test told it about.
 */
final class UserPoolApi implements Endpoint.Answers {

    static final String CONTENT_TYPE = "application/x-amz-json-1.1";
    private static final String GET_USER = "AWSCognitoIdentityProviderService.GetUser";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, Map<String, String>> people = new ConcurrentHashMap<>();

    /** GetUser answers these attributes for a token of {@code sub}; {@code sub} is one of them. */
    void addPerson(String sub, Map<String, String> attributes) {
        Map<String, String> all = new LinkedHashMap<>(attributes);
        all.put("sub", sub);
        people.put(sub, Map.copyOf(all));
    }

    @Override
    public Answer to(HttpExchange exchange) throws IOException {
        if (!"POST".equals(exchange.getRequestMethod())
                || !GET_USER.equals(exchange.getRequestHeaders().getFirst("X-Amz-Target"))) {
            return error("UnknownOperationException", "Only GetUser is served here.");
        }
        Map<String, String> person = subjectOf(exchange.getRequestBody().readAllBytes()).map(people::get).orElse(null);
        if (person == null) {
            return error("UserNotFoundException", "User does not exist.");
        }
        ObjectNode user = JSON.createObjectNode().put("Username", person.get("sub"));
        ArrayNode attributes = user.putArray("UserAttributes");
        person.forEach((name, value) -> attributes.addObject().put("Name", name).put("Value", value));
        return new Answer(200, user.toString());
    }

    /**
     * The {@code sub} of the request's access token. Its signature is not checked: the server
     * under test has verified the token before it asks who the bearer is.
     */
    private static Optional<String> subjectOf(byte[] body) {
        try {
            SignedJWT token = SignedJWT.parse(JSON.readTree(body).path("AccessToken").asText());
            return Optional.ofNullable(token.getJWTClaimsSet().getSubject());
        } catch (IOException | ParseException e) {
            return Optional.empty();
        }
    }

    /** An error as Cognito writes one: its type in {@code __type}, status 400. */
    private static Answer error(String type, String message) {
        return new Answer(400, JSON.createObjectNode().put("__type", type).put("message", message).toString());
    }
}
