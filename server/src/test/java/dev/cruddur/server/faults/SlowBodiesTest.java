package dev.cruddur.server.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.management.UnixOperatingSystemMXBean;
import dev.cruddur.server.ServerPerClass;
import dev.cruddur.server.faults.SlowClients.Kind;
import dev.cruddur.testkit.account.AccountClient;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A thousand slowloris connections, from twenty addresses other than the one the probes use,
 * each announcing a request body and sending it a byte every two seconds (to the identity
 * provider, to the API with and without a token, over the size limit, chunked, after
 * {@code Expect: 100-continue}), or its headers the same way. On JDK 17 each body being read
 * by a request handler used to hold one of Jetty's ~250 threads, so about 300 of them left
 * nothing for the health check or the web app. Now a body is received before any thread or
 * admission permit is spent on it, and must arrive at a minimum rate.
 */
class SlowBodiesTest {

    private static final int CONNECTIONS = 1_000;
    private static final int ADDRESSES = 20;
    private static final Duration DRIP = Duration.ofSeconds(2);
    /** How long the probes go on while the slow clients hold their connections (and are cut and come back). */
    private static final Duration PROBING = Duration.ofSeconds(15);
    /** A probe not answered within this is taken as not answered at all. */
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(10);

    private static final String EMAIL = "patient@example.com";
    private static final String HANDLE = "patient";

    @RegisterExtension
    static final ServerPerClass app = ServerPerClass.withLocalIdentity();

    private static AccountClient accounts;
    private static String token;

    @BeforeAll
    static void start() {
        accounts = app.accounts();
        token = accounts.create(EMAIL, "Patient Poster", HANDLE);
        assertThat(app.api().postJson("/api/activities", "{\"message\":\"before the storm\",\"ttl\":\"1-day\"}", token).status())
                .isEqualTo(201);
    }

    @Test
    void aThousandSlowClientsLeaveTheHealthCheckTheWebAppAndTheFeedsAnswering() throws Exception {
        assertEnoughFileDescriptors();
        List<InetAddress> attackers = new ArrayList<>();
        for (int i = 0; i < ADDRESSES; i++) {
            attackers.add(InetAddress.getByName("127.0.0." + (2 + i)));
        }
        List<String> failures = new ArrayList<>();
        long[] slowest = new long[1];
        int probes = 0;
        long opening = System.nanoTime();
        try (SlowClients slow = new SlowClients(InetAddress.getLoopbackAddress(), app.server().port(), attackers, kinds(),
                CONNECTIONS, DRIP)) {
            System.out.println("Slow clients: " + slow.count() + " connections opened in "
                    + Duration.ofNanos(System.nanoTime() - opening).toMillis() + " ms");
            // Every body has begun to arrive: whatever would hold a thread holds one by now.
            Thread.sleep(DRIP.multipliedBy(2).toMillis());
            HttpClient http = HttpClient.newBuilder().connectTimeout(PROBE_TIMEOUT).build();
            long end = System.nanoTime() + PROBING.toNanos();
            while (System.nanoTime() < end) {
                for (String path : List.of("/api/health-check", "/", "/js/app.js", "/app.css", "/api/activities/home",
                        "/api/activities/@" + HANDLE, "/api/activities/search?term=storm")) {
                    probes++;
                    probe(http, app.api().request(path).timeout(PROBE_TIMEOUT).GET().build(), 200, failures, slowest);
                }
                probes += 2;
                probe(http, app.api().jsonPost("/api/activities", "{\"message\":\"through the storm\",\"ttl\":\"1-day\"}", token),
                        201, failures, slowest);
                probe(http, accounts.signInRequest(EMAIL), 200, failures, slowest);
            }
            System.out.println("Slow clients: " + slow.count() + " connections from " + ADDRESSES + " addresses, "
                    + slow.reopened() + " cut by the server and opened again; " + probes + " probes, "
                    + failures.size() + " not answered as expected; the slowest answer took "
                    + Duration.ofNanos(slowest[0]).toMillis() + " ms");
        }
        assertThat(failures).as("of %d probes", probes).isEmpty();
    }

    private static void probe(HttpClient http, HttpRequest request, int expected, List<String> failures, long[] slowest) {
        long started = System.nanoTime();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            slowest[0] = Math.max(slowest[0], System.nanoTime() - started);
            if (response.statusCode() != expected) {
                failures.add(request.method() + " " + request.uri().getPath() + " -> " + response.statusCode() + " "
                        + response.body());
            }
        } catch (IOException e) {
            failures.add(request.method() + " " + request.uri().getPath() + " -> " + e + " after "
                    + Duration.ofNanos(System.nanoTime() - started).toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static List<Kind> kinds() {
        String host = "Host: localhost\r\n";
        String amz = "Content-Type: application/x-amz-json-1.1\r\nX-Amz-Target: AWSCognitoIdentityProviderService.InitiateAuth\r\n";
        String json = "Content-Type: application/json\r\n";
        return List.of(
                new Kind("identity provider", "POST /local-cognito HTTP/1.1\r\n" + host + amz
                        + "Content-Length: 300\r\n\r\n{", " "),
                new Kind("API post without a token (refused, then drained)", "POST /api/activities HTTP/1.1\r\n" + host
                        + json + "Content-Length: 300\r\n\r\n{", " "),
                new Kind("API post with a token", "POST /api/activities HTTP/1.1\r\n" + host + json
                        + "Authorization: Bearer " + token + "\r\nContent-Length: 3000\r\n\r\n{", " "),
                new Kind("over the size limit (refused, then drained)", "POST /api/activities HTTP/1.1\r\n" + host + json
                        + "Content-Length: 500000\r\n\r\n{", " "),
                new Kind("chunked", "POST /local-cognito HTTP/1.1\r\n" + host + amz
                        + "Transfer-Encoding: chunked\r\n\r\n1\r\n{\r\n", "1\r\n \r\n"),
                new Kind("expect 100-continue", "POST /local-cognito HTTP/1.1\r\n" + host + amz
                        + "Expect: 100-continue\r\nContent-Length: 300\r\n\r\n", " "),
                new Kind("slow headers", "GET / HTTP/1.1\r\n" + host + "X-Slow: ", "a"));
    }

    /** Each connection is two descriptors here (the test's socket and the server's), plus the JVM's own. */
    private static void assertEnoughFileDescriptors() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof UnixOperatingSystemMXBean os) {
            long needed = 2L * CONNECTIONS + 1_000;
            assertThat(os.getMaxFileDescriptorCount())
                    .as("open files allowed to this JVM (ulimit -n): raise it to run this test").isGreaterThanOrEqualTo(needed);
        }
    }
}
