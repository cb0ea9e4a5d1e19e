package dev.cruddur.ops.aws;

import dev.cruddur.ops.CommandFailure;
import dev.cruddur.ops.output.Printer;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Base of every command that talks to AWS: the common flags, the clients, the printer, and SDK
 * failures turned into one readable line ({@link SsoSignIn}, {@link AwsErrors}) instead of a stack trace.
 */
public abstract class AwsCommand implements Callable<Integer> {

    @Mixin
    protected AwsOptions aws;

    @Spec
    protected CommandSpec spec;

    @Override
    public final Integer call() {
        Printer printer = new Printer(aws.output(), spec.commandLine().getOut(), spec.commandLine().getErr());
        aws.check();
        checkArguments();
        try (AwsClients clients = new AwsClients(aws)) {
            return run(clients, printer);
        } catch (SdkException e) {
            // A failed SSO sign-in is named with the command that fixes it; anything else as AWS said it.
            String message = SsoSignIn.forProfile(aws.profile())
                    .flatMap(signIn -> signIn.explain(e, Clock.systemUTC()))
                    .orElseGet(() -> AwsErrors.describe(e));
            throw CommandFailure.failed(message, e);
        }
    }

    /** Refuses flags that cannot work together, before anything is sent. */
    protected void checkArguments() {
    }

    /** The command itself; returns the exit code. */
    protected abstract int run(AwsClients clients, Printer printer);
}
