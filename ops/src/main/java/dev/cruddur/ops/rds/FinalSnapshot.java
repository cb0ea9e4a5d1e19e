package dev.cruddur.ops.rds;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import software.amazon.awssdk.services.rds.model.DeleteDbInstanceRequest;

/**
 * The name of the snapshot RDS takes when an instance is deleted: {@code <id>-final-<UTC time>}.
 * {@code rds delete} and {@code aws teardown} both name it so, so that people find every final
 * snapshot of an instance by one prefix, and a second deletion never collides with the first's.
 */
public final class FinalSnapshot {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private FinalSnapshot() {
    }

    /** {@code cruddur-db-instance-final-20250601-180000}. */
    public static String nameFor(String identifier, Instant at) {
        return identifier + "-final-" + STAMP.format(at);
    }

    /** DeleteDBInstance for {@code identifier}: after {@code finalSnapshot} when there is one, else without any. */
    public static DeleteDbInstanceRequest deletion(String identifier, Optional<String> finalSnapshot) {
        DeleteDbInstanceRequest.Builder request = DeleteDbInstanceRequest.builder().dbInstanceIdentifier(identifier)
                .skipFinalSnapshot(finalSnapshot.isEmpty());
        finalSnapshot.ifPresent(request::finalDBSnapshotIdentifier);
        return request.build();
    }
}
