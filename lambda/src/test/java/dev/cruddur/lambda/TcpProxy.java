package dev.cruddur.lambda;

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
 * A TCP forwarder between a handler and the test database, standing in for the network: it
 * can go down and come back on the same port, reset the connections through it (the server or
 * a proxy closed them), or silently stop delivering on them (a NAT that forgot the flow while
 * the Lambda container was frozen).
 */
final class TcpProxy implements AutoCloseable {

    private final String targetHost;
    private final int targetPort;
    private final int port;
    private final Set<Link> links = ConcurrentHashMap.newKeySet();
    private ServerSocket server;

    TcpProxy(String targetHost, int targetPort) throws IOException {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        this.server = listen(0);
        this.port = server.getLocalPort();
    }

    int port() {
        return port;
    }

    /** Accepts connections again, on the same port. */
    synchronized void start() throws IOException {
        if (server == null) {
            server = listen(port);
        }
    }

    /** Nothing listens any more (connection refused) and every open connection is reset. */
    synchronized void stop() throws IOException {
        if (server != null) {
            server.close();
            server = null;
        }
        resetConnections();
    }

    /** Resets every connection through the proxy, as a restarted server or proxy would. */
    void resetConnections() {
        links.forEach(Link::reset);
    }

    /** From now on, what is sent over the open connections is dropped without a word. */
    void silenceConnections() {
        links.forEach(link -> link.silenced = true);
    }

    int openConnections() {
        return links.size();
    }

    @Override
    public void close() throws IOException {
        stop();
    }

    private ServerSocket listen(int onPort) throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), onPort));
        Thread acceptor = new Thread(() -> accept(socket), "tcp-proxy-accept-" + onPort);
        acceptor.setDaemon(true);
        acceptor.start();
        return socket;
    }

    private void accept(ServerSocket socket) {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                Socket upstream;
                try {
                    upstream = new Socket(targetHost, targetPort);
                } catch (IOException e) {
                    client.close();
                    continue;
                }
                Link link = new Link(client, upstream);
                links.add(link);
                link.pump(client, upstream);
                link.pump(upstream, client);
            } catch (IOException e) {
                // the listening socket was closed: stop accepting
            }
        }
    }

    /** One client connection and its upstream twin. */
    private final class Link {

        private final Socket client;
        private final Socket upstream;
        volatile boolean silenced;

        Link(Socket client, Socket upstream) {
            this.client = client;
            this.upstream = upstream;
        }

        void pump(Socket from, Socket to) {
            Thread pump = new Thread(() -> {
                byte[] buffer = new byte[16 * 1024];
                try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                    int read;
                    while ((read = in.read(buffer)) >= 0) {
                        if (!silenced) {
                            out.write(buffer, 0, read);
                            out.flush();
                        }
                    }
                } catch (IOException e) {
                    // one side went away; close both below
                } finally {
                    close();
                }
            }, "tcp-proxy-pump");
            pump.setDaemon(true);
            pump.start();
        }

        void reset() {
            try {
                // linger 0: close with RST, as a peer that lost the connection does
                client.setSoLinger(true, 0);
                upstream.setSoLinger(true, 0);
            } catch (IOException ignored) {
                // already closed
            }
            close();
        }

        private void close() {
            links.remove(this);
            closeQuietly(client);
            closeQuietly(upstream);
        }

        private void closeQuietly(Socket socket) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // nothing left to do
            }
        }
    }
}
