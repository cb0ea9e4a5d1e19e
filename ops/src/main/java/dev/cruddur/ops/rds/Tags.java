package dev.cruddur.ops.rds;

import java.util.Optional;
import software.amazon.awssdk.services.rds.model.DBInstance;

/** The tags this tool puts on an instance, and how to read them back. */
public final class Tags {

    /** On every instance {@code rds create} makes, so people can tell who made it. */
    public static final String MANAGED_BY = "cruddur:managed-by";
    public static final String MANAGED_BY_VALUE = "cruddur";

    /** Marks an instance that {@code rds keep-stopped} stops again whenever AWS restarts it. */
    public static final String KEEP_STOPPED = "cruddur:keep-stopped";

    private Tags() {
    }

    static Optional<String> value(DBInstance instance, String key) {
        return instance.tagList().stream().filter(tag -> key.equals(tag.key())).map(t -> t.value()).findFirst();
    }

    static boolean keepStopped(DBInstance instance) {
        return value(instance, KEEP_STOPPED).map("true"::equalsIgnoreCase).orElse(false);
    }
}
