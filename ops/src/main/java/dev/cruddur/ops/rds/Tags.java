package dev.cruddur.ops.rds;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import software.amazon.awssdk.services.rds.model.DBInstance;

/** The tags this tool puts on an instance, and how to read them back. */
public final class Tags {

    /** On every instance {@code rds create} makes, so people can tell who made it. */
    public static final String MANAGED_BY = "cruddur:managed-by";
    public static final String MANAGED_BY_VALUE = "cruddur";

    /** Marks an instance that {@code rds keep-stopped} stops again whenever AWS restarts it. */
    public static final String KEEP_STOPPED = "cruddur:keep-stopped";

    /**
     * Put on by {@code rds start} when the operator wants running an instance AWS had already
     * restarted: its value is the time of that restart (RDS's own clock, from its event log), which
     * {@code rds keep-stopped} then leaves alone. A later restart by AWS is newer, so it is undone.
     */
    public static final String OPERATOR_KEPT_RESTART = "cruddur:operator-kept-restart";

    private Tags() {
    }

    static Optional<String> value(DBInstance instance, String key) {
        return instance.tagList().stream().filter(tag -> key.equals(tag.key())).map(t -> t.value()).findFirst();
    }

    public static boolean keepStopped(DBInstance instance) {
        return value(instance, KEEP_STOPPED).map("true"::equalsIgnoreCase).orElse(false);
    }

    /** The restart by AWS that the operator kept running, when the tag holds a time. */
    static Optional<Instant> operatorKeptRestart(DBInstance instance) {
        return value(instance, OPERATOR_KEPT_RESTART).flatMap(text -> {
            try {
                return Optional.of(Instant.parse(text.strip()));
            } catch (DateTimeParseException e) {
                return Optional.empty(); // edited by hand into something else: it keeps nothing running
            }
        });
    }
}
