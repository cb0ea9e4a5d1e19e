package dev.cruddur.ops;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The common flags' mistakes are one line that names the flag, not the SDK's wording. */
class CommonFlagsTest {

    @RegisterExtension
    final AwsStub aws = new AwsStub();

    @Test
    void anUnknownProfileIsNamedAsSuchNotAsANetworkProblem() {
        // surefire points AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE at files that do not exist
        OpsRun run = OpsRun.of(aws.with("rds", "status", "--profile", "nosuch"));

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().strip()).hasLineCount(1)
                .contains("AWS profile 'nosuch' has no credentials", "aws configure --profile nosuch")
                .doesNotContain("Could not reach AWS");
        assertThat(aws.allRequests()).isEmpty();
    }

    @Test
    void anEndpointUrlWithoutSchemeOrHostIsAUsageError() {
        OpsRun run = OpsRun.of("rds", "status", "--region", "us-east-1", "--endpoint-url", "localhost:4566");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().strip()).isEqualTo("cruddur: --endpoint-url localhost:4566 is not an http(s) URL"
                + " such as http://localhost:4566 or https://rds.us-east-1.amazonaws.com");
    }
}
