package dev.cruddur.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Where the server listens, which Host names it answers, how many connections one address may hold, and how often it purges. */
class ServerSettingsTest {

    private static final Map<String, String> COGNITO = Map.of(
            "COGNITO_USER_POOL_ID", "us-east-1_AbCdEf123", "COGNITO_CLIENT_ID", "client");

    @Test
    void withTheDevelopmentIdentityProviderItListensOnLoopbackOnly() {
        assertThat(ServerSettings.fromEnvironment(Map.of()).listenHost()).isEqualTo("127.0.0.1");
    }

    @Test
    void withCognitoItListensOnEveryInterface() {
        assertThat(ServerSettings.fromEnvironment(COGNITO).listenHost()).isEqualTo("0.0.0.0");
    }

    @Test
    void hostSaysWhereWhateverTheMode() {
        assertThat(ServerSettings.fromEnvironment(Map.of("HOST", " 0.0.0.0 ")).listenHost()).isEqualTo("0.0.0.0");
        ServerSettings cognitoOnLoopback = ServerSettings.fromEnvironment(
                new java.util.HashMap<>(Map.of("HOST", "127.0.0.1", "COGNITO_USER_POOL_ID", "us-east-1_AbCdEf123",
                        "COGNITO_CLIENT_ID", "client")));
        assertThat(cognitoOnLoopback.listenHost()).isEqualTo("127.0.0.1");
        assertThat(ServerSettings.fromEnvironment(Map.of("HOST", "")).listenHost()).isEqualTo("127.0.0.1");
        assertThat(ServerSettings.fromEnvironment(Map.of("HOST", "::")).listenHost()).isEqualTo("::");
    }

    @Test
    void aHostThatIsNotAnAddressOrANameIsRefused() {
        for (String bad : List.of("http://0.0.0.0", "0.0.0.0:4567", "a b", "host/path", "-x")) {
            assertThatThrownBy(() -> ServerSettings.fromEnvironment(Map.of("HOST", bad)))
                    .as(bad).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("HOST");
        }
    }

    @Test
    void allowedHostsIsACommaSeparatedListOfNamesInAnyCase() {
        ServerSettings settings = ServerSettings.fromEnvironment(Map.of("ALLOWED_HOSTS", " cruddur.example.com, Dev.Box ,,"));

        assertThat(settings.allowedHosts()).containsExactly("cruddur.example.com", "dev.box");
        assertThat(ServerSettings.fromEnvironment(Map.of()).allowedHosts()).isEmpty();
        assertThatThrownBy(() -> ServerSettings.fromEnvironment(Map.of("ALLOWED_HOSTS", "https://cruddur.example.com")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ALLOWED_HOSTS");
    }

    @Test
    void oneAddressMayHoldAHundredConnectionsByDefault() {
        // Well above a benchmark's 16 keep-alive connections from one address.
        assertThat(ServerSettings.fromEnvironment(Map.of()).connectionsPerAddress()).isEqualTo(100);
        assertThat(ServerSettings.fromEnvironment(Map.of("CRUDDUR_CONNECTIONS_PER_ADDRESS", "0"))
                .connectionsPerAddress()).isZero();
        assertThatThrownBy(() -> ServerSettings.fromEnvironment(Map.of("CRUDDUR_CONNECTIONS_PER_ADDRESS", "-1")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("CRUDDUR_CONNECTIONS_PER_ADDRESS");
    }

    private static Optional<Duration> purgeInterval(String value) {
        return ServerSettings.fromEnvironment(Map.of("CRUDDUR_PURGE_INTERVAL", value)).purgeInterval();
    }

    @Test
    void expiredCrudsArePurgedEveryMinuteByDefault() {
        assertThat(ServerSettings.fromEnvironment(Map.of()).purgeInterval()).contains(Duration.ofMinutes(1));
        assertThat(purgeInterval(" ")).contains(Duration.ofMinutes(1));
    }

    @Test
    void thePurgeIntervalIsSecondsMinutesOrHoursOrOff() {
        assertThat(purgeInterval("30s")).contains(Duration.ofSeconds(30));
        assertThat(purgeInterval("5m")).contains(Duration.ofMinutes(5));
        assertThat(purgeInterval(" 2h ")).contains(Duration.ofHours(2));
        assertThat(purgeInterval("24h")).contains(Duration.ofHours(24));
        assertThat(purgeInterval("off")).isEmpty();
        assertThat(purgeInterval("OFF")).isEmpty();
    }

    @Test
    void aPurgeIntervalThatIsNotOneIsExplained() {
        for (String bad : new String[] {"5", "0s", "-1m", "1.5m", "1d", "25h", "abc", "m", "99999999999999999999s"}) {
            assertThatThrownBy(() -> purgeInterval(bad)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("CRUDDUR_PURGE_INTERVAL must be a time such as 30s, 5m or 1h (from 1s to 24h), or off; not '"
                            + bad + "'");
        }
    }

    @Test
    void aStopDrainsForNoTimeUnlessToldAndNeverForLongerThanTenMinutes() {
        assertThat(ServerSettings.fromEnvironment(Map.of()).listening().drain()).isZero();
        assertThat(ServerSettings.fromEnvironment(Map.of("CRUDDUR_DRAIN_SECONDS", "10")).listening().drain())
                .isEqualTo(Duration.ofSeconds(10));
        assertThatThrownBy(() -> ServerSettings.fromEnvironment(Map.of("CRUDDUR_DRAIN_SECONDS", "-1")))
                .hasMessageContaining("CRUDDUR_DRAIN_SECONDS");
        assertThatThrownBy(() -> ServerSettings.fromEnvironment(Map.of("CRUDDUR_DRAIN_SECONDS", "601")))
                .hasMessageContaining("CRUDDUR_DRAIN_SECONDS");
    }

    @Test
    void trustedProxiesAreAddressesOrBlocksAndNoneByDefault() {
        assertThat(ServerSettings.fromEnvironment(Map.of()).trustedProxies().isEmpty()).isTrue();
        assertThat(ServerSettings.fromEnvironment(Map.of("TRUSTED_PROXIES", "10.0.0.0/8")).trustedProxies().isEmpty()).isFalse();
        assertThatThrownBy(() -> ServerSettings.fromEnvironment(Map.of("TRUSTED_PROXIES", "alb.internal")))
                .hasMessageContaining("TRUSTED_PROXIES").hasMessageContaining("'alb.internal'");
    }

    @Test
    void readReplicasAreUrlsSeparatedByCommasAndTheirLagBoundIsATime() {
        assertThat(ServerSettings.fromEnvironment(Map.of()).readReplicas().isEmpty()).isTrue();
        ServerSettings two = ServerSettings.fromEnvironment(Map.of("DATABASE_READ_URL",
                "postgresql://u:secret@replica-1.example.com:5432/cruddur, jdbc:postgresql://r2a,r2b:5432/cruddur?user=u",
                "CRUDDUR_REPLICA_MAX_LAG", "500ms"));
        assertThat(two.readReplicas().urls()).hasSize(2);
        assertThat(two.readReplicas().urls().get(1).jdbcUrl()).startsWith("jdbc:postgresql://r2a,r2b:5432/cruddur");
        // Not on loopback: TLS, as for DATABASE_URL.
        assertThat(two.readReplicas().urls().get(0).jdbcUrl()).contains("sslmode=require");
        assertThat(two.readReplicas().maxLag()).isEqualTo(Duration.ofMillis(500));
        assertThat(ServerSettings.fromEnvironment(Map.of()).readReplicas().maxLag()).isEqualTo(Duration.ofSeconds(2));
        assertThatThrownBy(() -> ServerSettings.fromEnvironment(Map.of("DATABASE_READ_URL", "mysql://replica/cruddur")))
                .hasMessageContaining("DATABASE_READ_URL");
        assertThatThrownBy(() -> ServerSettings.fromEnvironment(Map.of("CRUDDUR_REPLICA_MAX_LAG", "2 minutes")))
                .hasMessageContaining("CRUDDUR_REPLICA_MAX_LAG");
    }
}
