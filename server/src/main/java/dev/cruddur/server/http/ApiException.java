package dev.cruddur.server.http;

/**
 * A failure the client should see as-is: an HTTP status, a machine-readable code and a
 * sentence that says what to do. Everything else that escapes a handler becomes a bare 500.
 */
public class ApiException extends RuntimeException {

    private final int status;
    private final String code;

    public ApiException(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }
}
