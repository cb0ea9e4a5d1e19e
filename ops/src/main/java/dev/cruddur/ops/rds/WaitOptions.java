package dev.cruddur.ops.rds;

import dev.cruddur.ops.aws.DurationConverter;
import dev.cruddur.ops.aws.Polling;
import java.time.Duration;
import picocli.CommandLine.Option;

/** How a command waits for RDS to finish: {@code --wait/--no-wait}, {@code --poll-interval}, {@code --timeout}. */
public final class WaitOptions {

    @Option(names = "--wait", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Wait until RDS has finished, printing each change of state (default: wait; --no-wait returns at once).")
    boolean wait;

    @Option(names = "--poll-interval", paramLabel = "DURATION", defaultValue = "15s", converter = DurationConverter.class,
            description = "How often to ask RDS while waiting, e.g. 15s (default: ${DEFAULT-VALUE}).")
    Duration pollInterval;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "40m", converter = DurationConverter.class,
            description = "Give up waiting after this long, e.g. 40m (default: ${DEFAULT-VALUE}); RDS carries on regardless.")
    Duration timeout;

    public boolean enabled() {
        return wait;
    }

    public Duration pollInterval() {
        return pollInterval;
    }

    public Duration timeout() {
        return timeout;
    }

    /** A wait with these settings, its clock started now. */
    public Polling start() {
        return new Polling(pollInterval, timeout);
    }
}
