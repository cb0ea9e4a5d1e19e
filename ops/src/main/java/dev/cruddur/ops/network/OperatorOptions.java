package dev.cruddur.ops.network;

import dev.cruddur.ops.CommandFailure;
import java.net.URI;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * Who the operator is and where they connect from, on the commands that look at their rule
 * ({@code network allow-my-ip}, {@code aws status}): {@code --operator} and {@code --ip}, each
 * found out when it is left out.
 */
public final class OperatorOptions {

    @Option(names = "--ip", paramLabel = "ADDRESS", description = "Your public IPv4 or IPv6 address (default: ask checkip.amazonaws.com).")
    String ip;

    @Option(names = "--operator", paramLabel = "NAME",
            description = "Whose rule it is (default: the signed-in identity's user or session name, from STS GetCallerIdentity).")
    String operator;

    @Option(names = "--ip-lookup-url", hidden = true, defaultValue = PublicIpLookup.DEFAULT_URL,
            description = "Where to ask for the public IP (tests point it elsewhere).")
    URI ipLookupUrl;

    boolean ipGiven() {
        return ip != null;
    }

    /** Refuses an {@code --ip} that no rule should allow, and an empty {@code --operator}, before anything is sent. */
    void check() {
        if (ip != null) {
            OperatorAddress.parse(ip, "--ip");
        }
        if (operator != null && operator.isBlank()) {
            throw CommandFailure.usage("--operator needs a name (it labels your rule in the security group)");
        }
    }

    /** The operator's name: {@code --operator} when given, else the signed-in identity's. */
    String name(StsClient sts) {
        return Operator.resolve(operator, sts);
    }

    /** The operator's address: {@code --ip} when given, else what the look-up service sees. */
    OperatorAddress address() {
        return ip != null ? OperatorAddress.parse(ip, "--ip") : PublicIpLookup.lookUp(ipLookupUrl);
    }
}
