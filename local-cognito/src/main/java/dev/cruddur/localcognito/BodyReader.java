package dev.cruddur.localcognito;

import io.javalin.http.Context;

/**
 * Reads a request's body as the server that mounts the provider bounds bodies (size, slow
 * uploads, how many requests it admits), and says why when it will not hand one over: the
 * provider answers each reason in Cognito's error format.
 */
@FunctionalInterface
public interface BodyReader {

    /** @throws Refused when the server will not hand the body over */
    byte[] read(Context ctx);

    /** Why a body was not handed over. */
    enum Reason {
        /** The server is handling as many requests as it can (a throttling error: clients back off and retry). */
        SERVER_BUSY,
        /** Larger than the server accepts. */
        TOO_LARGE,
        /** The client stopped sending before the length it announced. */
        INCOMPLETE
    }

    /** The body was not handed over, for a {@link Reason}. */
    final class Refused extends RuntimeException {

        private final Reason reason;

        public Refused(Reason reason) {
            super(reason.name(), null, false, false);
            this.reason = reason;
        }

        public Reason reason() {
            return reason;
        }
    }
}
