package dev.cruddur.ops.rds;

import java.time.Instant;
import java.util.Optional;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBInstance;

/**
 * Whether a running instance runs because AWS restarted it after 7 days stopped (RDS-EVENT-0154
 * after its last stop in RDS's event log) rather than because a person started it or it is new.
 * Only such a restart is for {@code rds keep-stopped} to undo, and only until the operator says
 * with {@code rds start} that they want it running ({@link Tags#OPERATOR_KEPT_RESTART}).
 *
 * @param at when AWS restarted it
 * @param keptByOperator whether {@code rds start} has since asked to keep this restart running
 */
record AwsRestart(Instant at, boolean keptByOperator) {

    /** AWS's restart of {@code db} since its last stop, if its events show one. */
    static Optional<AwsRestart> of(RdsClient rds, DBInstance db) {
        Optional<Instant> kept = Tags.operatorKeptRestart(db);
        return RdsEvents.autoStartedSinceLastStop(RdsEvents.recent(rds, db.dbInstanceIdentifier()))
                .map(at -> new AwsRestart(at, kept.isPresent() && !kept.get().isBefore(at)));
    }
}
