package dev.cruddur.ops.rds;

import java.time.Clock;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * {@code --skip-final-snapshot}, on the commands that delete the instance ({@code rds delete} and
 * {@code aws teardown}): without it, RDS takes a final snapshot named by {@link FinalSnapshot}.
 */
public final class FinalSnapshotOption {

    @Option(names = "--skip-final-snapshot", description = "Delete the instance without a final snapshot: the data is gone for good.")
    boolean skip;

    /** The time in the snapshot's name. */
    Clock clock = Clock.systemUTC();

    public boolean skipped() {
        return skip;
    }

    /** The final snapshot that deleting {@code identifier} now takes; empty under --skip-final-snapshot. */
    public Optional<String> nameFor(String identifier) {
        return skip ? Optional.empty() : Optional.of(FinalSnapshot.nameFor(identifier, clock.instant()));
    }

    /** The flag to repeat in a command suggested to the operator: {@code " --skip-final-snapshot"}, or nothing. */
    public String flag() {
        return skip ? " --skip-final-snapshot" : "";
    }
}
