package dev.cruddur.ops.rds;

import dev.cruddur.ops.CommandFailure;
import dev.cruddur.ops.aws.AwsErrors;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.DbInstanceNotFoundException;

/** Looks up RDS instances; a missing instance is an answer here, not an error. */
public final class DbInstances {

    private DbInstances() {
    }

    /** The instance named {@code identifier}, or empty when RDS says DBInstanceNotFound. */
    public static Optional<DBInstance> find(RdsClient rds, String identifier) {
        try {
            return rds.describeDBInstances(request -> request.dbInstanceIdentifier(identifier))
                    .dbInstances().stream().findFirst();
        } catch (DbInstanceNotFoundException e) {
            return Optional.empty();
        }
    }

    /**
     * The instance named {@code identifier}; when it does not exist, one line that says how to
     * create it. {@link #find} answers empty exactly when RDS says DBInstanceNotFound, which the
     * line repeats in RDS's own words (as {@link AwsErrors#describe} would print them).
     */
    public static DBInstance require(RdsClient rds, String identifier) {
        return find(rds, identifier).orElseThrow(() -> CommandFailure.failed(
                "Rds DBInstanceNotFound: DBInstance " + identifier + " not found." + missingAdvice()));
    }

    /** Every instance in the region (every page). */
    public static List<DBInstance> all(RdsClient rds) {
        return rds.describeDBInstancesPaginator(request -> { }).dbInstances().stream().toList();
    }

    private static String missingAdvice() {
        return " (create it with `cruddur rds create`, or name another with --db-instance-identifier)";
    }
}
