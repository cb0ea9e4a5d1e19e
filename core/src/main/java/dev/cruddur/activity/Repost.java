package dev.cruddur.activity;

import java.time.Instant;

/**
 * Why a crud is in a timeline or on a person's page although they did not write it: they
 * reposted it, at {@code repostedAt}, which is where it sits in the list.
 */
public record Repost(String handle, String displayName, Instant repostedAt) {
}
