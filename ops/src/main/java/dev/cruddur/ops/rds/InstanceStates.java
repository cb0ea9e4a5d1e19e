package dev.cruddur.ops.rds;

import java.util.Set;

/** What RDS's instance states mean for a command that waits on one. */
final class InstanceStates {

    /**
     * States an instance does not leave by itself: waiting for it to become available (or to be
     * stopped) is pointless; a person has to look at it (RDS console, events, parameter group).
     * From the DBInstanceStatus values in the RDS User Guide, "Viewing Amazon RDS DB instance status".
     */
    static final Set<String> NEEDS_A_PERSON = Set.of("failed", "storage-full", "incompatible-network",
            "incompatible-option-group", "incompatible-parameters", "incompatible-restore",
            "inaccessible-encryption-credentials", "inaccessible-encryption-credentials-recoverable", "restore-error",
            "insufficient-capacity");

    private InstanceStates() {
    }
}
