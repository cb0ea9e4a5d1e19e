package dev.cruddur.server.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cruddur.server.TestServer;
import dev.cruddur.testkit.account.AccountClient;
import dev.cruddur.testkit.http.ApiClient;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * More clients than the admission limit, each sending a request body a byte at a time (as a
 * slowloris would, up to Jetty's idle timeout between two bytes), do not lock the API out: a
 * request holds its admission permit only while it can use the database, not while its body is
 * received or a refused body is drained.
 */
class SlowUploadsTest {

    /** One pooled connection: an admission limit of four. */
    private static final int POOL_SIZE = 1;
    /** Normal requests answer in milliseconds; this is only a guard against hanging. */
    private static final Duration PROMPTLY = Duration.ofSeconds(5);

    private static final String EMAIL = "slowly@example.com";
    private static final String HANDLE = "slowly";

    @TempDir
    static Path directory;
    private static TestServer app;
    private static ApiClient api;
    private static AccountClient accounts;
    private static String token;

    @BeforeAll
    static void start() {
        app = TestServer.withLocalIdentity(directory).poolSize(POOL_SIZE).start();
        api = app.client();
        accounts = app.accounts();
        token = accounts.create(EMAIL, "Slow Uploader", HANDLE);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void bodiesStillBeingReceivedLeaveTheApiServing() throws Exception {
        // Accepted sizes, sent a byte at a time: to the API and to the identity provider.
        List<Socket> uploads = new ArrayList<>();
        try {
            for (int i = 0; i < app.admissionLimit() + 2; i++) {
                uploads.add(i % 2 == 0
                        ? startUpload("/api/activities", "application/json", 200, "Authorization: Bearer " + token)
                        : startUpload("/local-cognito", "application/x-amz-json-1.1", 200,
                                "X-Amz-Target: AWSCognitoIdentityProviderService.InitiateAuth"));
            }
            assertServesNormally();
        } finally {
            closeAll(uploads);
        }
    }

    @Test
    void refusedBodiesBeingDrainedLeaveTheApiServing() throws Exception {
        // Announced over the 64 KiB limit (413 before reading), under what is drained (1 MiB).
        List<Socket> uploads = new ArrayList<>();
        try {
            for (int i = 0; i < app.admissionLimit() + 2; i++) {
                uploads.add(startUpload("/api/activities", "application/json", 100_000,
                        "Authorization: Bearer " + token));
            }
            assertServesNormally();
        } finally {
            closeAll(uploads);
        }
    }

    private static void assertServesNormally() throws Exception {
        // Time for every upload to reach its handler (each has sent its headers and a first byte).
        Thread.sleep(500);
        long started = System.nanoTime();
        ApiClient.Response feed = api.get("/api/activities/@" + HANDLE);
        assertThat(feed.status()).as(feed.body()).isEqualTo(200);
        ApiClient.Response post = api.postJson("/api/activities", "{\"message\":\"past the slow ones\",\"ttl\":\"1-day\"}",
                token);
        assertThat(post.status()).as(post.body()).isEqualTo(201);
        ApiClient.Response signIn = api.send(accounts.signInRequest(EMAIL));
        assertThat(signIn.status()).as(signIn.body()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(PROMPTLY);
    }

    /** Sends a request's headers and the first byte of its body, and leaves the rest unsent. */
    private static Socket startUpload(String path, String contentType, int contentLength, String header)
            throws IOException {
        Socket socket = new Socket("localhost", app.port());
        OutputStream out = socket.getOutputStream();
        out.write(("POST " + path + " HTTP/1.1\r\n"
                + "Host: localhost\r\n"
                + "Content-Type: " + contentType + "\r\n"
                + "Content-Length: " + contentLength + "\r\n"
                + header + "\r\n"
                + "\r\n"
                + "{").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return socket;
    }

    private static void closeAll(List<Socket> sockets) throws IOException {
        for (Socket socket : sockets) {
            socket.close();
        }
    }
}
