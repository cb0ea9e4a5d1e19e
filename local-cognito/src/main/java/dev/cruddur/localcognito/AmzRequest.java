package dev.cruddur.localcognito;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cruddur.text.StorableText;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The members of one Cognito request body, and the address it came from. Members the action
 * does not read are ignored, as Cognito ignores {@code ClientMetadata} and the like here; a
 * member of the wrong JSON type is an {@code InvalidParameterException}, never a 500.
 */
final class AmzRequest {

    /** Cognito's {@code UsernameType}. */
    private static final Pattern USERNAME = Pattern.compile("[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+");

    private final ObjectNode body;
    private final ClientAddress client;

    AmzRequest(ObjectNode body, ClientAddress client) {
        this.body = body;
        this.client = client;
    }

    /** Where the request came from, for the throttles per address. */
    ClientAddress client() {
        return client;
    }

    /** A string member, or null when it is absent or JSON null. */
    String text(String member) {
        JsonNode value = body.get(member);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw CognitoError.invalidParameter(member + " must be a string.");
        }
        return storable(member, value.textValue());
    }

    /** The {@code Username} (an email in Cruddur's pool), without surrounding whitespace, as SignUp stored it. */
    String username() {
        return username(required("Username"));
    }

    /**
     * A username, without surrounding whitespace, held to the pattern of Cognito's model
     * (letters, marks, symbols, digits and punctuation only): no control or format character,
     * which could act on the terminal where the provider logs it, gets past here.
     */
    static String username(String value) {
        String username = value.strip();
        if (!USERNAME.matcher(username).matches()) {
            throw CognitoError.invalidParameter("1 validation error detected: Value at 'username' failed to satisfy"
                    + " constraint: Member must satisfy regular expression pattern: " + USERNAME.pattern());
        }
        return username;
    }

    /** A string member that must be present and not empty (Cognito: "Member must not be null"). */
    String required(String member) {
        String value = text(member);
        if (value == null || value.isEmpty()) {
            throw CognitoError.missing(camelCase(member));
        }
        return value;
    }

    /** A map of strings such as {@code AuthParameters}; empty when absent. */
    Map<String, String> stringMap(String member) {
        JsonNode value = body.get(member);
        Map<String, String> result = new LinkedHashMap<>();
        if (value == null || value.isNull()) {
            return result;
        }
        if (!value.isObject()) {
            throw CognitoError.invalidParameter(member + " must be a map of strings.");
        }
        for (Map.Entry<String, JsonNode> entry : value.properties()) {
            if (!entry.getValue().isTextual()) {
                throw CognitoError.invalidParameter(member + " must be a map of strings.");
            }
            result.put(entry.getKey(), storable(member, entry.getValue().textValue()));
        }
        return result;
    }

    /**
     * A list of {@code {"Name": …, "Value": …}} such as {@code UserAttributes}, as a map; empty
     * when absent.
     */
    Map<String, String> attributes(String member) {
        JsonNode value = body.get(member);
        Map<String, String> result = new LinkedHashMap<>();
        if (value == null || value.isNull()) {
            return result;
        }
        if (!value.isArray()) {
            throw CognitoError.invalidParameter(member + " must be a list of {Name, Value}.");
        }
        for (JsonNode attribute : value) {
            JsonNode name = attribute.get("Name");
            JsonNode text = attribute.get("Value");
            if (name == null || !name.isTextual() || (text != null && !text.isNull() && !text.isTextual())) {
                throw CognitoError.invalidParameter(member + " must be a list of {Name, Value}.");
            }
            if (result.containsKey(name.textValue())) {
                throw CognitoError.invalidParameter("Duplicate attribute " + name.textValue() + ".");
            }
            result.put(storable(member, name.textValue()), text == null || text.isNull() ? null : storable(member, text.textValue()));
        }
        return result;
    }

    /**
     * Every string may reach a {@code text} column or a query parameter, and PostgreSQL refuses
     * U+0000 there: refused here as bad input, not later as a database failure (a 500).
     */
    private static String storable(String member, String value) {
        if (!StorableText.isStorable(value)) {
            throw CognitoError.invalidParameter(member + " contains a NUL character or a broken surrogate pair.");
        }
        return value;
    }

    /** Cognito names members in validation messages by their camelCase model name ("clientId"). */
    private static String camelCase(String member) {
        return Character.toLowerCase(member.charAt(0)) + member.substring(1);
    }
}
