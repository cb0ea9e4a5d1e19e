package dev.cruddur.user;

import java.time.Instant;
import java.util.UUID;

/** A person who can post. {@code cognitoUserId} is the Cognito {@code sub}; null for seed users. */
public record User(
        UUID uuid,
        String displayName,
        String handle,
        String email,
        String cognitoUserId,
        Instant createdAt) {
}
