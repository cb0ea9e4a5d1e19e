package dev.cruddur.ops.aws;

import dev.cruddur.ops.output.Printer;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awssdk.awscore.AwsRequest;

/**
 * The one way commands send a request that changes something. Under {@code --dry-run} it prints
 * the request instead of sending it. The SDK's {@code toString} of a request lists every field
 * it would carry and redacts the ones AWS marks sensitive (passwords, environment variables),
 * so the printed line never holds a secret.
 */
public final class Changes {

    private final boolean dryRun;
    private final Printer printer;

    public Changes(boolean dryRun, Printer printer) {
        this.dryRun = dryRun;
        this.printer = printer;
    }

    public boolean dryRun() {
        return dryRun;
    }

    /**
     * Sends {@code request} through {@code call}, or prints it under {@code --dry-run}.
     *
     * @return the response, or empty under {@code --dry-run}
     */
    public <Q extends AwsRequest, R> Optional<R> send(Q request, Function<Q, R> call) {
        if (dryRun) {
            printer.say("dry run, not sent: " + service(request) + " " + request);
            return Optional.empty();
        }
        return Optional.of(call.apply(request));
    }

    // software.amazon.awssdk.services.rds.model.StopDbInstanceRequest -> rds
    private static String service(AwsRequest request) {
        String name = request.getClass().getPackageName();
        String prefix = "software.amazon.awssdk.services.";
        if (name.startsWith(prefix)) {
            String rest = name.substring(prefix.length());
            int dot = rest.indexOf('.');
            return dot < 0 ? rest : rest.substring(0, dot);
        }
        return "aws";
    }
}
