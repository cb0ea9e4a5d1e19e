package dev.cruddur.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cruddur.server.http.ApiException;
import dev.cruddur.testing.HandClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** A signed-in reader's uuid is looked up once a minute per sub, and only what a lookup found is remembered. */
class RegisteredUserIdsTest {

    private final HandClock clock = new HandClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final RegisteredUserIds userIds = new RegisteredUserIds(clock);
    private final List<String> lookups = new ArrayList<>();

    private Supplier<UUID> lookUp(String sub) {
        return () -> {
            lookups.add(sub);
            return UUID.nameUUIDFromBytes(sub.getBytes());
        };
    }

    @Test
    void aSubIsLookedUpOnceAMinute() {
        UUID first = userIds.userUuid("sub-a", lookUp("sub-a"));
        clock.advance(Duration.ofSeconds(59));
        assertThat(userIds.userUuid("sub-a", lookUp("sub-a"))).isEqualTo(first);
        assertThat(lookups).containsExactly("sub-a");

        clock.advance(Duration.ofSeconds(1));
        assertThat(userIds.userUuid("sub-a", lookUp("sub-a"))).isEqualTo(first);
        assertThat(lookups).containsExactly("sub-a", "sub-a");
    }

    @Test
    void eachSubIsItsOwn() {
        UUID a = userIds.userUuid("sub-a", lookUp("sub-a"));
        UUID b = userIds.userUuid("sub-b", lookUp("sub-b"));

        assertThat(a).isNotEqualTo(b);
        assertThat(lookups).containsExactly("sub-a", "sub-b");
    }

    @Test
    void aFailedLookupIsNotRemembered() {
        assertThatThrownBy(() -> userIds.userUuid("sub-a", () -> {
            lookups.add("failed");
            throw new ApiException(403, "user_not_registered", "not yet");
        })).isInstanceOf(ApiException.class);

        UUID registered = userIds.userUuid("sub-a", lookUp("sub-a"));
        assertThat(registered).isEqualTo(UUID.nameUUIDFromBytes("sub-a".getBytes()));
        assertThat(lookups).containsExactly("failed", "sub-a");
    }
}
