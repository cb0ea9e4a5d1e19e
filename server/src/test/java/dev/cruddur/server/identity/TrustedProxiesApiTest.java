package dev.cruddur.server.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cruddur.localcognito.Throttles;
import dev.cruddur.server.ServerPerClass;
import dev.cruddur.testkit.http.RawHttp;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Behind a load balancer ({@code TRUSTED_PROXIES}), over real sockets from several loopback
 * addresses: the balancer's connections are not limited, the clients it forwards for are counted
 * apart by the throttles, and {@code X-Forwarded-For} from anyone else changes nothing.
 */
class TrustedProxiesApiTest {

    /** Plays the load balancer. */
    private static final String PROXY = "127.0.0.5";
    /** A client connecting directly. */
    private static final String DIRECT = "127.0.0.6";
    private static final int CONNECTIONS_PER_ADDRESS = 4;

    @RegisterExtension
    static final ServerPerClass app = ServerPerClass.withLocalIdentity(server -> server
            .environment("TRUSTED_PROXIES", "10.9.0.0/16, " + PROXY)
            .environment("CRUDDUR_CONNECTIONS_PER_ADDRESS", String.valueOf(CONNECTIONS_PER_ADDRESS)));

    @Test
    void forwardingHeadersFromAPeerThatIsNoTrustedProxyAreIgnored() {
        OtherAddress direct = new OtherAddress(DIRECT, app.server().port());
        for (int i = 0; i < Throttles.PER_ADDRESS; i++) {
            // A new forged address each time, as someone dodging the limit would write.
            assertThat(direct.signUp("forger" + i + "@example.com", "forger_" + i, "203.0.113." + i).status())
                    .as("sign-up %d", i + 1).isEqualTo(200);
        }
        OtherAddress.Answer oneMore = direct.signUp("forger-x@example.com", "forger_x", "198.51.100.77");
        assertThat(oneMore.status()).isEqualTo(400);
        assertThat(oneMore.errorType()).isEqualTo("LimitExceededException");
    }

    @Test
    void throughTheTrustedProxyTwoClientsAreCountedApartAndCannotForgeTheirWayPast() {
        OtherAddress balancer = new OtherAddress(PROXY, app.server().port());
        String alice = "203.0.113.10";
        String bob = "203.0.113.20";
        for (int i = 0; i < Throttles.PER_ADDRESS; i++) {
            // What the client wrote itself is on the left; the balancer appends the peer it saw,
            // and a second trusted hop (10.9.x.x) may follow.
            String forwarded = "192.0.2." + i + ", " + alice + (i % 2 == 0 ? ", 10.9.1.1" : "");
            assertThat(balancer.signUp("alice" + i + "@example.com", "alice_" + i, forwarded).status())
                    .as("alice's sign-up %d", i + 1).isEqualTo(200);
        }
        OtherAddress.Answer aliceAgain = balancer.signUp("alice-x@example.com", "alice_x", "192.0.2.99, " + alice);
        assertThat(aliceAgain.errorType()).as(aliceAgain.body()).isEqualTo("LimitExceededException");

        OtherAddress.Answer bobsFirst = balancer.signUp("bob@example.com", "bob_through", bob);
        assertThat(bobsFirst.status()).as("another client behind the same balancer: " + bobsFirst.body()).isEqualTo(200);
    }

    @Test
    void theTrustedProxyMayHoldMoreConnectionsThanOneClient() throws Exception {
        List<Socket> held = new ArrayList<>();
        try {
            for (int i = 0; i < CONNECTIONS_PER_ADDRESS * 3; i++) {
                Socket socket = connect(PROXY);
                held.add(socket);
                assertThat(statusLine(socket)).as("balancer connection %d", i + 1).startsWith("HTTP/1.1 200");
            }
            List<Socket> direct = new ArrayList<>();
            for (int i = 0; i < CONNECTIONS_PER_ADDRESS; i++) {
                Socket socket = connect(DIRECT);
                direct.add(socket);
                held.add(socket);
                assertThat(statusLine(socket)).startsWith("HTTP/1.1 200");
            }
            try (Socket oneTooMany = connect(DIRECT)) {
                assertThat(statusLine(oneTooMany)).isEqualTo("(closed)");
            }
            assertThat(direct).hasSize(CONNECTIONS_PER_ADDRESS);
        } finally {
            for (Socket socket : held) {
                socket.close();
            }
        }
    }

    @Test
    void aForwardedAddressIsNeverTakenFromAnUntrustedPeerForTheConnectionLimitEither() throws Exception {
        // The connection limit keys on the socket alone: a header cannot move a connection elsewhere.
        RawHttp.Response answer = RawHttp.exchange(InetAddress.getByName(DIRECT), InetAddress.getLoopbackAddress(),
                app.server().port(), "GET /api/health-check HTTP/1.1\r\nHost: localhost\r\nX-Forwarded-For: " + PROXY
                        + "\r\nConnection: close\r\n\r\n");
        assertThat(answer.status()).isEqualTo(200);
    }

    private static Socket connect(String from) throws IOException {
        Socket socket = new Socket();
        socket.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), app.server().port()), 5_000);
        socket.setSoTimeout(10_000);
        return socket;
    }

    /** A kept-alive health check: its status line, or "(closed)" when the server closed the connection instead. */
    private static String statusLine(Socket socket) {
        try {
            socket.getOutputStream().write("GET /api/health-check HTTP/1.1\r\nHost: localhost\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            StringBuilder head = new StringBuilder();
            int b;
            while ((b = socket.getInputStream().read()) != -1) {
                head.append((char) b);
                if (head.toString().endsWith("\r\n\r\n")) {
                    String text = head.toString();
                    int length = Integer.parseInt(text.replaceAll("(?is).*content-length:\\s*(\\d+).*", "$1"));
                    socket.getInputStream().readNBytes(length);
                    return text.substring(0, text.indexOf("\r\n"));
                }
            }
            return "(closed)";
        } catch (IOException e) {
            return "(closed)";
        }
    }
}
