package dev.cruddur.activity;

import java.util.Objects;
import java.util.UUID;

/**
 * Who reads a feed or a crud: a signed-in person, whose own likes and reposts are marked on what
 * they read, or someone who is not signed in.
 *
 * @param userUuid the signed-in person; null for {@link #ANONYMOUS}
 */
public record Reader(UUID userUuid) {

    public static final Reader ANONYMOUS = new Reader(null);

    public static Reader signedIn(UUID userUuid) {
        return new Reader(Objects.requireNonNull(userUuid, "userUuid"));
    }

    public boolean isSignedIn() {
        return userUuid != null;
    }
}
