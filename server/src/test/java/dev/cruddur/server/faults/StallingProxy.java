package dev.cruddur.server.faults;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP forwarder standing in for the network between the server and PostgreSQL, which can
 * stall: from {@link #blackHole()} on, whatever is sent is dropped without a word, in both
 * directions, on the open connections and on new ones (which are accepted and then hear
 * nothing), as when a route or a firewall starts swallowing packets. Nothing is refused or
 * reset, so only the client's own timeouts can notice.
 */
final class StallingProxy implements AutoCloseable {

    private final String targetHost;
    private final int targetPort;
    private final ServerSocket server;
    private final Set<Link> links = ConcurrentHashMap.newKeySet();
    private volatile boolean blackHole;

    StallingProxy(String targetHost, int targetPort) throws IOException {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        this.server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        Thread acceptor = new Thread(this::accept, "stalling-proxy-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    /** Packets go nowhere from now on. */
    void blackHole() {
        blackHole = true;
        links.forEach(link -> link.stalled = true);
    }

    /**
     * Packets flow again. The connections that stalled are reset: their client gave up on them
     * long ago (and a real network would have lost their state too).
     */
    void restore() {
        blackHole = false;
        links.stream().filter(link -> link.stalled).forEach(Link::reset);
    }

    @Override
    public void close() throws IOException {
        server.close();
        links.forEach(Link::reset);
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                if (blackHole) {
                    // Accepted (the kernel would have done the handshake) but never answered.
                    links.add(new Link(client, null, true));
                    continue;
                }
                Socket upstream;
                try {
                    upstream = new Socket(targetHost, targetPort);
                } catch (IOException e) {
                    client.close();
                    continue;
                }
                Link link = new Link(client, upstream, blackHole);
                links.add(link);
                // A stall that began while this connection was being set up covers it too.
                link.stalled |= blackHole;
                link.pump(client, upstream);
                link.pump(upstream, client);
            } catch (IOException e) {
                // the listening socket was closed: stop accepting
            }
        }
    }

    /** One client connection and (unless it arrived during a stall) its upstream twin. */
    private final class Link {

        private final Socket client;
        private final Socket upstream;
        volatile boolean stalled;

        Link(Socket client, Socket upstream, boolean stalled) {
            this.client = client;
            this.upstream = upstream;
            this.stalled = stalled;
        }

        void pump(Socket from, Socket to) {
            Thread pump = new Thread(() -> {
                byte[] buffer = new byte[16 * 1024];
                try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                    int read;
                    while ((read = in.read(buffer)) >= 0) {
                        if (!stalled) {
                            out.write(buffer, 0, read);
                            out.flush();
                        }
                    }
                } catch (IOException e) {
                    // one side went away; close both below
                } finally {
                    reset();
                }
            }, "stalling-proxy-pump");
            pump.setDaemon(true);
            pump.start();
        }

        void reset() {
            links.remove(this);
            closeWithReset(client);
            if (upstream != null) {
                closeWithReset(upstream);
            }
        }

        private void closeWithReset(Socket socket) {
            try {
                socket.setSoLinger(true, 0);
            } catch (IOException ignored) {
                // already closed
            }
            try {
                socket.close();
            } catch (IOException ignored) {
                // nothing left to do
            }
        }
    }
}
