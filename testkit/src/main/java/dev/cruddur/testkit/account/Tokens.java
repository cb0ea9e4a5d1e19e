package dev.cruddur.testkit.account;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * What a sign-in answers, Cognito's {@code AuthenticationResult}. A refresh answers no new
 * refresh token: {@code refreshToken} is then null.
 */
public record Tokens(String accessToken, String idToken, String refreshToken) {

    /** The tokens in Cognito's {@code AuthenticationResult}. */
    public static Tokens of(JsonNode authenticationResult) {
        return new Tokens(authenticationResult.path("AccessToken").asText(null),
                authenticationResult.path("IdToken").asText(null),
                authenticationResult.path("RefreshToken").asText(null));
    }

    /** The tokens there are, in the order above. */
    public List<String> all() {
        return Stream.of(accessToken, idToken, refreshToken).filter(Objects::nonNull).toList();
    }
}
