package dev.cruddur.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP forwarder between a Cruddur process and its database, standing in for the network. It
 * can go down and come back on the same port ({@link #stop}, {@link #start}), reset the
 * connections through it (a restarted server or proxy), silently stop delivering on them (a NAT
 * that forgot the flow while a Lambda container was frozen), or swallow everything, on open and
 * new connections alike (a route or firewall dropping packets: {@link #blackHole}), so that only
 * the client's own timeouts can notice.
 */
public final class TcpProxy implements AutoCloseable {

    private final String targetHost;
    private final int targetPort;
    private final int port;
    private final Set<Link> links = ConcurrentHashMap.newKeySet();
    private ServerSocket server;
    private Thread acceptor;
    private volatile boolean blackHole;

    public TcpProxy(String targetHost, int targetPort) throws IOException {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        listen(0);
        this.port = server.getLocalPort();
    }

    public int port() {
        return port;
    }

    /** Accepts connections again, on the same port. */
    public synchronized void start() throws IOException {
        if (server == null) {
            listen(port);
        }
    }

    /** Nothing listens any more (connection refused) and every open connection is reset. */
    public synchronized void stop() throws IOException {
        if (server != null) {
            server.close();
            // The kernel keeps listening until the thread blocked in accept() has returned:
            // without this wait, a connection made right after stop() could still get through.
            try {
                acceptor.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while the proxy stopped listening");
            }
            server = null;
            acceptor = null;
        }
        resetConnections();
    }

    /** Resets every connection through the proxy, as a restarted server or proxy would. */
    public void resetConnections() {
        links.forEach(Link::reset);
    }

    /** From now on, what is sent over the open connections is dropped without a word. */
    public void silenceConnections() {
        links.forEach(link -> link.silenced = true);
    }

    /**
     * Packets go nowhere from now on: the open connections are silenced, and new ones are
     * accepted (the kernel would have done the handshake) but never answered.
     */
    public void blackHole() {
        blackHole = true;
        silenceConnections();
    }

    /**
     * Packets flow again. The connections that stalled are reset: their clients gave up on them
     * long ago, and a real network would have lost their state too.
     */
    public void restore() {
        blackHole = false;
        links.stream().filter(link -> link.silenced).forEach(Link::reset);
    }

    public int openConnections() {
        return links.size();
    }

    @Override
    public void close() throws IOException {
        stop();
    }

    private void listen(int onPort) throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), onPort));
        server = socket;
        acceptor = new Thread(() -> accept(socket), "tcp-proxy-accept-" + onPort);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void accept(ServerSocket socket) {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                if (blackHole) {
                    links.add(new Link(true, client));
                    continue;
                }
                Socket upstream;
                try {
                    upstream = new Socket(targetHost, targetPort);
                } catch (IOException e) {
                    client.close();
                    continue;
                }
                Link link = new Link(false, client, upstream);
                links.add(link);
                // A black hole that began while this connection was being set up covers it too.
                link.silenced |= blackHole;
                link.pump(client, upstream);
                link.pump(upstream, client);
            } catch (IOException e) {
                // the listening socket was closed: stop accepting
            }
        }
    }

    /** One client connection and (unless it arrived in a black hole) its upstream twin. */
    private final class Link {

        private final List<Socket> sockets;
        volatile boolean silenced;

        Link(boolean silenced, Socket... sockets) {
            this.sockets = List.of(sockets);
            this.silenced = silenced;
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
            // linger 0: close with RST, as a peer that lost the connection does
            for (Socket socket : sockets) {
                try {
                    socket.setSoLinger(true, 0);
                } catch (IOException ignored) {
                    // already closed
                }
            }
            close();
        }

        private void close() {
            links.remove(this);
            for (Socket socket : sockets) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // nothing left to do
                }
            }
        }
    }
}
