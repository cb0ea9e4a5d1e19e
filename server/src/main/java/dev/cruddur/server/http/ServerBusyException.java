package dev.cruddur.server.http;

/**
 * 503 {@code server_busy}: the {@link AdmissionLimit} is reached. Its own type so that the
 * development identity provider can answer it in Cognito's error format instead.
 */
public final class ServerBusyException extends ApiException {

    public ServerBusyException() {
        super(503, "server_busy", "The server is handling as many requests as it can; try again shortly.");
    }
}
