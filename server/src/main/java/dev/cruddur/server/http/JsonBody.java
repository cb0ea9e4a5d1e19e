package dev.cruddur.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cruddur.error.ValidationException;
import io.javalin.http.Context;
import java.io.IOException;

/** Reads a request body that must be a JSON object, and its string fields. */
public final class JsonBody {

    private final ObjectNode object;

    private JsonBody(ObjectNode object) {
        this.object = object;
    }

    /**
     * @throws ApiException 415 when the body is not declared as JSON, 400 when it does not parse
     *                      or is not an object
     */
    public static JsonBody read(Context ctx, ObjectMapper mapper) {
        String contentType = ctx.contentType();
        if (contentType == null || !contentType.toLowerCase().startsWith("application/json")) {
            throw new ApiException(415, "content_type_unsupported", "Send the body as JSON with Content-Type: application/json.");
        }
        JsonNode node;
        try {
            node = mapper.readTree(ctx.bodyAsBytes());
        } catch (IOException e) {
            // JacksonException included: nothing in the body can be more than "not JSON".
            throw new ApiException(400, "json_invalid", "The body is not valid JSON.");
        }
        if (!(node instanceof ObjectNode objectNode)) {
            throw new ApiException(400, "json_invalid", "The body must be a JSON object.");
        }
        return new JsonBody(objectNode);
    }

    /**
     * A string field; {@code null} when absent or JSON null (the use case reports it as blank).
     *
     * @throws ValidationException {@code <field>_invalid} when the field is present but not a string
     */
    public String text(String field) {
        JsonNode value = object.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new ValidationException(field + "_invalid", field, "'" + field + "' must be a string.");
        }
        return value.textValue();
    }
}
