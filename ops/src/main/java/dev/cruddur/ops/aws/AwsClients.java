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
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.iam.IamClient;
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
    private final Map<String, AwsClients> regions = new LinkedHashMap<>();
    private final boolean ownsHttp;

    public AwsClients(AwsOptions options) {
        // The JDK's own HTTP client: no Netty or Apache in the jar, and these are one-shot commands.
        this(options, UrlConnectionHttpClient.create(), options.profile()
                .<AwsCredentialsProvider>map(ProfileCredentialsProvider::create)
                .orElseGet(() -> DefaultCredentialsProvider.builder().build()), true);
    }

    private AwsClients(AwsOptions options, SdkHttpClient http, AwsCredentialsProvider credentials, boolean ownsHttp) {
        this.options = options;
        this.http = http;
        this.credentials = credentials;
        this.ownsHttp = ownsHttp;
    }

    /**
     * The same settings in another region (for commands that sweep every region): the HTTP
     * client and credentials are shared, and the regional clients close with this object.
     */
    public AwsClients inRegion(String region) {
        return regions.computeIfAbsent(region, r -> new AwsClients(options.withRegion(r), http, credentials, false));
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

    public CloudWatchLogsClient logs() {
        return client(CloudWatchLogsClient.class, CloudWatchLogsClient::builder);
    }

    public SecretsManagerClient secretsManager() {
        return client(SecretsManagerClient.class, SecretsManagerClient::builder);
    }

    public StsClient sts() {
        return client(StsClient.class, StsClient::builder);
    }

    /** IAM is global: the SDK sends to the partition's one endpoint whatever the region. */
    public IamClient iam() {
        return client(IamClient.class, IamClient::builder);
    }

    /**
     * AWS Budgets is a global service with one endpoint per partition. The SDK's endpoint rules
     * map any region to its partition's endpoint and signing region (us-east-1 in the commercial
     * partition, cn-northwest-1 in China, ...), so the client is built for the configured region
     * like any other.
     */
    public BudgetsClient budgets() {
        return client(BudgetsClient.class, BudgetsClient::builder);
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

    /** The common settings on any client builder. */
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
        for (AwsClients regional : regions.values()) {
            try {
                regional.close();
            } catch (RuntimeException e) {
                failures.add(e);
            }
        }
        for (SdkClient client : opened.values()) {
            try {
                client.close();
            } catch (RuntimeException e) {
                failures.add(e);
            }
        }
        if (ownsHttp) {
            http.close();
        }
        if (!failures.isEmpty()) {
            throw failures.get(0);
        }
    }
}
