package dev.cruddur.ops.aws;

import dev.cruddur.ops.CommandFailure;
import dev.cruddur.ops.output.OutputFormat;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine.Option;

/**
 * The flags every AWS command shares, as the AWS CLI spells them. Credentials are never a flag:
 * they come from the SDK's default chain (environment, {@code ~/.aws}, SSO, instance role).
 */
public final class AwsOptions {

    @Option(names = "--region", paramLabel = "REGION",
            description = "AWS region (default: AWS_REGION, then the profile's region).")
    String region;

    @Option(names = "--profile", paramLabel = "NAME",
            description = "Named profile from ~/.aws/config for credentials and region (default: AWS_PROFILE).")
    String profile;

    @Option(names = "--endpoint-url", paramLabel = "URL",
            description = "Send every AWS call to this address instead of AWS (a local stand-in, a VPC endpoint).")
    URI endpointUrl;

    @Option(names = "--output", paramLabel = "FORMAT", defaultValue = "table",
            description = "table or json (default: ${DEFAULT-VALUE}).")
    OutputFormat output;

    public Optional<String> region() {
        return Optional.ofNullable(region).filter(r -> !r.isBlank());
    }

    public Optional<String> profile() {
        return Optional.ofNullable(profile).filter(p -> !p.isBlank());
    }

    /** Refuses an {@code --endpoint-url} the SDK could not send to, before any client is built. */
    public void check() {
        if (endpointUrl != null && (endpointUrl.getScheme() == null || endpointUrl.getHost() == null
                || !Set.of("http", "https").contains(endpointUrl.getScheme().toLowerCase(Locale.ROOT)))) {
            throw CommandFailure.usage("--endpoint-url " + endpointUrl + " is not an http(s) URL such as http://localhost:4566"
                    + " or https://rds.us-east-1.amazonaws.com");
        }
    }

    /** These options with another region, for commands that visit several. */
    public AwsOptions withRegion(String otherRegion) {
        AwsOptions copy = new AwsOptions();
        copy.region = otherRegion;
        copy.profile = profile;
        copy.endpointUrl = endpointUrl;
        copy.output = output;
        return copy;
    }

    public Optional<URI> endpointUrl() {
        return Optional.ofNullable(endpointUrl);
    }

    public OutputFormat output() {
        return output == null ? OutputFormat.TABLE : output;
    }
}
