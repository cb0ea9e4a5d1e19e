package dev.cruddur.server;

import dev.cruddur.testing.TestData;
import dev.cruddur.testing.TestDatabase;
import java.util.UUID;

/**
 * A user as the sign-up trigger would have registered them: a {@code users} row whose
 * {@code cognito_user_id} is the {@code sub} of the tokens the fake Cognito pool signs for them.
 */
public record SignedUpUser(UUID uuid, String handle, String displayName, String sub) {

    public static SignedUpUser register(TestDatabase database, String handle, String displayName) {
        String sub = UUID.randomUUID().toString();
        return new SignedUpUser(new TestData(database.jdbi()).user(handle, displayName, sub), handle, displayName, sub);
    }
}
