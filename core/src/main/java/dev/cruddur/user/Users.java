package dev.cruddur.user;

import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** Finds the people behind tokens and handles. */
public final class Users {

    private final Jdbi jdbi;

    public Users(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** The user whose Cognito {@code sub} this is, if they have been registered. */
    public Optional<User> byCognitoUserId(String sub) {
        return jdbi.withHandle(h -> new UserDao(h).findByCognitoUserId(sub));
    }

    /** Case-insensitive; any string is accepted, one that is not a valid handle simply matches no one. */
    public Optional<User> byHandle(String handle) {
        if (!Handle.isWellFormed(handle)) {
            return Optional.empty();
        }
        return jdbi.withHandle(h -> new UserDao(h).findByHandle(handle));
    }
}
