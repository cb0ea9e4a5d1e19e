package dev.cruddur.server.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;

/**
 * The server's listening socket, bound before the parts that must know the port are built (the
 * development identity provider's issuer contains it), and handed to Jetty's connector, which
 * accepts on it once the server starts. With port 0 the system picks a free port here.
 */
public final class ListenSocket {

    private ListenSocket() {
    }

    /**
     * @throws IllegalStateException when the port is taken, with what to do about it
     */
    public static ServerSocketChannel bind(String host, int port) {
        ServerSocketChannel channel = null;
        try {
            channel = ServerSocketChannel.open();
            // As Jetty binds: a restarted server gets its port back while old connections linger in TIME_WAIT.
            channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            channel.bind(new InetSocketAddress(host, port));
            return channel;
        } catch (BindException e) {
            close(channel);
            throw new IllegalStateException("Port " + port + " on " + host + " is in use: stop what listens there,"
                    + " or choose another port (PORT, or serve --port)", e);
        } catch (IOException e) {
            close(channel);
            throw new UncheckedIOException("Could not listen on " + host + ":" + port + ": " + e.getMessage(), e);
        }
    }

    /** The port the socket is bound to (the system's choice when 0 was asked for). */
    public static int port(ServerSocketChannel channel) {
        return channel.socket().getLocalPort();
    }

    private static void close(ServerSocketChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing was bound
            }
        }
    }
}
