package dev.cruddur.server.database;

import dev.cruddur.database.DatabaseUrl;
import dev.cruddur.database.ReplicaRouting;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The read replicas the server reads from.
 *
 * @param urls   {@code DATABASE_READ_URL}; empty: every read on the primary, as without replicas
 * @param maxLag {@code CRUDDUR_REPLICA_MAX_LAG}: a replica further behind the primary than this is skipped
 */
public record ReplicaSettings(List<DatabaseUrl> urls, Duration maxLag) {

    private static final Pattern LAG = Pattern.compile("(\\d{1,6})(ms|s)");
    private static final Duration LONGEST_LAG = Duration.ofMinutes(10);

    public static final ReplicaSettings NONE = new ReplicaSettings(List.of(), ReplicaRouting.DEFAULT_MAX_LAG);

    public ReplicaSettings {
        urls = List.copyOf(urls);
        if (maxLag.compareTo(Duration.ofMillis(100)) < 0 || maxLag.compareTo(LONGEST_LAG) > 0) {
            throw new IllegalArgumentException("CRUDDUR_REPLICA_MAX_LAG must be from 100ms to 600s, not " + maxLag.toMillis() + " ms");
        }
    }

    public static ReplicaSettings fromEnvironment(Map<String, String> env) {
        return new ReplicaSettings(DatabaseUrl.replicasFromEnvironment(env), maxLag(env.get("CRUDDUR_REPLICA_MAX_LAG")));
    }

    public boolean isEmpty() {
        return urls.isEmpty();
    }

    /** {@code 2s}, {@code 500ms}; blank means the default. */
    static Duration maxLag(String value) {
        if (value == null || value.isBlank()) {
            return ReplicaRouting.DEFAULT_MAX_LAG;
        }
        Matcher matcher = LAG.matcher(value.strip());
        if (!matcher.matches()) {
            throw new IllegalArgumentException("CRUDDUR_REPLICA_MAX_LAG must be a time such as 2s or 500ms, not '"
                    + value + "'");
        }
        long amount = Long.parseLong(matcher.group(1));
        return matcher.group(2).equals("s") ? Duration.ofSeconds(amount) : Duration.ofMillis(amount);
    }
}
