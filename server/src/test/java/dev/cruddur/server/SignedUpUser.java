package dev.cruddur.server;

import dev.cruddur.testing.TestDatabase;
import java.util.UUID;

/**
 * A user as the sign-up trigger would have registered them: a {@code users} row whose
 * {@code cognito_user_id} is the {@code sub} of the tokens the fake Cognito pool signs for them.
 */
public record SignedUpUser(UUID uuid, String handle, String displayName, String sub) {

    public static SignedUpUser register(TestDatabase database, String handle, String displayName) {
        String sub = UUID.randomUUID().toString();
        UUID uuid = database.jdbi().withHandle(h -> h.createQuery("""
                        INSERT INTO users (display_name, handle, email, cognito_user_id)
                        VALUES (:name, :handle, :email, :sub) RETURNING uuid""")
                .bind("name", displayName)
                .bind("handle", handle)
                .bind("email", handle + "@example.com")
                .bind("sub", sub)
                .mapTo(UUID.class)
                .one());
        return new SignedUpUser(uuid, handle, displayName, sub);
    }
}
