package dev.cruddur.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cruddur.error.ValidationException;
import dev.cruddur.error.Violation;
import io.javalin.http.Context;
import io.javalin.http.Header;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Reads a request body that must be a JSON object with string fields. */
public final class JsonBody {

    private final ObjectNode object;

    private JsonBody(ObjectNode object) {
        this.object = object;
    }

    /**
     * @param textFields the fields the handler will read; each must be a string, null or absent
     * @throws ApiException 415 when the body is not declared as JSON, 400 when it does not parse
     *                      or is not an object
     * @throws ValidationException {@code <field>_invalid} for every text field of another JSON type
     */
    public static JsonBody read(Context ctx, ObjectMapper mapper, String... textFields) {
        if (!isJson(ctx.header(Header.CONTENT_TYPE))) {
            throw new ApiException(415, "content_type_unsupported",
                    "Send the body as UTF-8 JSON with Content-Type: application/json.");
        }
        JsonNode node;
        try {
            node = mapper.readTree(RequestBody.read(ctx));
        } catch (IOException e) {
            // JacksonException included: nothing in the body can be more than "not JSON".
            throw new ApiException(400, "json_invalid", "The body is not valid JSON.");
        }
        if (!(node instanceof ObjectNode objectNode)) {
            throw new ApiException(400, "json_invalid", "The body must be a JSON object.");
        }
        // Report every mistyped field at once, as the use cases do with their own rules.
        List<Violation> violations = new ArrayList<>();
        for (String field : textFields) {
            JsonNode value = objectNode.get(field);
            if (value != null && !value.isNull() && !value.isTextual()) {
                violations.add(new Violation(field + "_invalid", field, "'" + field + "' must be a string."));
            }
        }
        if (!violations.isEmpty()) {
            throw new ValidationException(violations);
        }
        return new JsonBody(objectNode);
    }

    /**
     * {@code application/json}, with no charset or UTF-8's (JSON has no other). Read from the raw
     * header: the servlet's {@code getContentType()} looks the charset up and throws on one the
     * JVM does not know ({@code charset=bogus}), which would be a 500.
     */
    static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        String[] parts = contentType.split(";", -1);
        if (!parts[0].strip().equalsIgnoreCase("application/json")) {
            return false;
        }
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].strip();
            int equals = parameter.indexOf('=');
            String name = equals < 0 ? parameter : parameter.substring(0, equals).strip();
            String value = equals < 0 ? "" : parameter.substring(equals + 1).strip().replace("\"", "");
            if (name.equalsIgnoreCase("charset") && !value.equalsIgnoreCase("utf-8") && !value.equalsIgnoreCase("utf8")) {
                return false;
            }
        }
        return true;
    }

    /** A text field named in {@link #read}; {@code null} when absent or JSON null (the use case reports it as blank). */
    public String text(String field) {
        JsonNode value = object.get(field);
        return value == null || value.isNull() ? null : value.textValue();
    }
}
