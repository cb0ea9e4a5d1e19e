package dev.cruddur.server.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.cruddur.error.Violation;
import java.util.List;

/**
 * The JSON of every error response: {@code {"error": "<code>", "message": "…"}}, plus the list
 * of violations for a 422.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ErrorBody(String error, String message, List<Violation> errors) {

    public ErrorBody(String error, String message) {
        this(error, message, null);
    }
}
