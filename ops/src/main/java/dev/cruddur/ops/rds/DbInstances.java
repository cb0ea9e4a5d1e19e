package dev.cruddur.ops.rds;

import dev.cruddur.ops.OpsFailure;
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

    /** The instance named {@code identifier}; when it does not exist, one line that says how to create it. */
    public static DBInstance require(RdsClient rds, String identifier) {
        try {
            return rds.describeDBInstances(request -> request.dbInstanceIdentifier(identifier))
                    .dbInstances().stream().findFirst()
                    .orElseThrow(() -> OpsFailure.failed("RDS has no DB instance " + identifier + missingAdvice()));
        } catch (DbInstanceNotFoundException e) {
            throw OpsFailure.failed(AwsErrors.describe(e) + missingAdvice(), e);
        }
    }

    /** Every instance in the region (every page). */
    static List<DBInstance> all(RdsClient rds) {
        return rds.describeDBInstancesPaginator(request -> { }).dbInstances().stream().toList();
    }

    private static String missingAdvice() {
        return " (create it with `cruddur rds create`, or name another with --db-instance-identifier)";
    }
}
