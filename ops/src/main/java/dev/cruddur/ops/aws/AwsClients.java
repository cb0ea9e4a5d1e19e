package dev.cruddur.ops.aws;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.budgets.BudgetsClient;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * The AWS SDK clients one command uses, built from the common flags: region, profile and
 * endpoint override apply to every service alike. Each client is built on first use (starting
 * a client costs time) and all of them are closed with this object.
 */
public final class AwsClients implements AutoCloseable {

    private final AwsOptions options;
    private final SdkHttpClient http;
    private final AwsCredentialsProvider credentials;
    private final Map<Class<?>, SdkClient> opened = new LinkedHashMap<>();

    public AwsClients(AwsOptions options) {
        this.options = options;
        // The JDK's own HTTP client: no Netty or Apache in the jar, and these are one-shot commands.
        this.http = UrlConnectionHttpClient.create();
        this.credentials = options.profile()
                .<AwsCredentialsProvider>map(ProfileCredentialsProvider::create)
                .orElseGet(() -> DefaultCredentialsProvider.builder().build());
    }

    public Ec2Client ec2() {
        return client(Ec2Client.class, Ec2Client::builder);
    }

    public RdsClient rds() {
        return client(RdsClient.class, RdsClient::builder);
    }

    public CognitoIdentityProviderClient cognitoIdentityProvider() {
        return client(CognitoIdentityProviderClient.class, CognitoIdentityProviderClient::builder);
    }

    public LambdaClient lambda() {
        return client(LambdaClient.class, LambdaClient::builder);
    }

    public SecretsManagerClient secretsManager() {
        return client(SecretsManagerClient.class, SecretsManagerClient::builder);
    }

    public StsClient sts() {
        return client(StsClient.class, StsClient::builder);
    }

    /**
     * AWS Budgets is a global service whose one endpoint lives in us-east-1: the client is built
     * for that region whatever {@code --region} says (a budget covers the whole account), while
     * {@code --endpoint-url} and {@code --profile} still apply.
     */
    public BudgetsClient budgets() {
        return BudgetsClient.class.cast(opened.computeIfAbsent(BudgetsClient.class,
                t -> configure(BudgetsClient.builder()).region(Region.US_EAST_1).build()));
    }

    /** The region the clients use: {@code --region}, else the SDK's default chain. */
    public Optional<String> region() {
        return options.region();
    }

    /**
     * Builds (once) the client of one service with the common settings. Add a method like
     * {@link #rds()} for each new service rather than calling this from commands.
     */
    <C extends SdkClient, B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>> C client(
            Class<C> type, Supplier<B> builder) {
        return type.cast(opened.computeIfAbsent(type, t -> configure(builder.get()).build()));
    }

    /**
     * The common settings on any client builder: for services that need a fixed region (Budgets
     * answers only in us-east-1) build with this, then override the region.
     */
    <C extends SdkClient, B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>> B configure(B builder) {
        builder.httpClient(http).credentialsProvider(credentials);
        options.region().map(Region::of).ifPresent(builder::region);
        options.profile().ifPresent(profile ->
                builder.overrideConfiguration(config -> config.defaultProfileName(profile)));
        options.endpointUrl().ifPresent(builder::endpointOverride);
        return builder;
    }

    @Override
    public void close() {
        List<RuntimeException> failures = new ArrayList<>();
        for (SdkClient client : opened.values()) {
            try {
                client.close();
            } catch (RuntimeException e) {
                failures.add(e);
            }
        }
        http.close();
        if (!failures.isEmpty()) {
            throw failures.get(0);
        }
    }
}
