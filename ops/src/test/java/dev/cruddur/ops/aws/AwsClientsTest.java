package dev.cruddur.ops.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.awscore.endpoints.AwsEndpointAttribute;
import software.amazon.awssdk.awscore.endpoints.authscheme.EndpointAuthScheme;
import software.amazon.awssdk.awscore.endpoints.authscheme.SigV4AuthScheme;
import software.amazon.awssdk.endpoints.Endpoint;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.budgets.BudgetsClient;
import software.amazon.awssdk.services.budgets.endpoints.BudgetsEndpointParams;
import software.amazon.awssdk.services.budgets.endpoints.BudgetsEndpointProvider;

/**
 * Budgets is global, with one endpoint per partition: the client must follow the configured
 * region into its partition rather than being pinned to the commercial one.
 */
class AwsClientsTest {

    @ParameterizedTest
    @CsvSource({
            "eu-west-1, https://budgets.amazonaws.com, us-east-1",
            "us-east-1, https://budgets.amazonaws.com, us-east-1",
            "cn-north-1, https://budgets.amazonaws.com.cn, cn-northwest-1",
    })
    void budgetsGoesToThePartitionOfTheConfiguredRegion(String region, String url, String signingRegion) throws Exception {
        AwsOptions options = new AwsOptions();
        options.region = region;
        try (AwsClients clients = new AwsClients(options)) {
            BudgetsClient budgets = clients.budgets();
            Region configured = budgets.serviceClientConfiguration().region();
            assertThat(configured.id()).isEqualTo(region);

            // What the client itself will resolve when it sends (no --endpoint-url given).
            BudgetsEndpointProvider rules = (BudgetsEndpointProvider) budgets.serviceClientConfiguration()
                    .endpointProvider().orElseThrow();
            Endpoint endpoint = rules.resolveEndpoint(BudgetsEndpointParams.builder().region(configured).build()).get();
            assertThat(endpoint.url().toString()).isEqualTo(url);
            List<EndpointAuthScheme> schemes = endpoint.attribute(AwsEndpointAttribute.AUTH_SCHEMES);
            assertThat(schemes).singleElement().isInstanceOfSatisfying(SigV4AuthScheme.class,
                    sigV4 -> assertThat(sigV4.signingRegion()).isEqualTo(signingRegion));
        }
    }
}
