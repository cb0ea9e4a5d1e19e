package dev.cruddur.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The forwarder's own promises, which the connection-failure tests rely on. */
class TcpProxyTest {

    private final ServerSocket target = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());

    TcpProxyTest() throws IOException {
    }

    @AfterEach
    void closeTarget() throws IOException {
        target.close();
    }

    @Test
    void aConnectionMadeRightAfterStopIsRefused() throws IOException {
        // Many times over: stop() used to return while the kernel still listened, and a
        // connection made at once was then accepted about four times in five.
        for (int attempt = 0; attempt < 200; attempt++) {
            try (TcpProxy proxy = new TcpProxy("127.0.0.1", target.getLocalPort())) {
                proxy.stop();

                assertThatThrownBy(() -> new Socket("127.0.0.1", proxy.port()).close())
                        .as("attempt %d", attempt)
                        .isInstanceOf(ConnectException.class);
            }
        }
    }

    @Test
    void afterStartItForwardsAgainOnTheSamePort() throws IOException {
        try (TcpProxy proxy = new TcpProxy("127.0.0.1", target.getLocalPort())) {
            proxy.stop();
            proxy.start();

            try (Socket client = new Socket("127.0.0.1", proxy.port()); Socket server = target.accept()) {
                client.getOutputStream().write(42);
                assertThat(server.getInputStream().read()).isEqualTo(42);
            }
        }
    }
}
