package dev.cruddur.server.http;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SocketChannel;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.io.SelectorManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * At most {@link #limit()} connections from one client address at once. One more is closed as
 * it is accepted, on the acceptor thread: before Jetty makes an endpoint, a buffer or a task of
 * it. One machine then cannot hold all of the server's connections (and their file
 * descriptors) with slow or idle requests. Each refusal is logged once per address while the
 * address stays at its limit, so a flood does not flood the log.
 *
 * <p>Behind a load balancer or reverse proxy every connection comes from the proxy's address:
 * name it in {@code TRUSTED_PROXIES} ({@link TrustedProxies}) and its connections are not
 * counted, or turn the limit off ({@code CRUDDUR_CONNECTIONS_PER_ADDRESS=0}).
 */
public final class ConnectionsPerAddress implements SelectorManager.AcceptListener {

    private static final Logger log = LoggerFactory.getLogger(ConnectionsPerAddress.class);

    private final int limit;
    private final TrustedProxies exempt;
    /** The address of each connection counted, so that its close is counted against the same one. */
    private final Map<SelectableChannel, InetAddress> open = new ConcurrentHashMap<>();
    private final Map<InetAddress, Integer> counts = new ConcurrentHashMap<>();
    private final Map<InetAddress, Boolean> warned = new ConcurrentHashMap<>();

    public ConnectionsPerAddress(int limit) {
        this(limit, TrustedProxies.NONE);
    }

    /** @param exempt whose connections are not counted: the proxies that carry everybody's */
    public ConnectionsPerAddress(int limit, TrustedProxies exempt) {
        if (limit < 1) {
            throw new IllegalArgumentException("the limit must be at least 1, not " + limit);
        }
        this.limit = limit;
        this.exempt = exempt;
    }

    public int limit() {
        return limit;
    }

    @Override
    public void onAccepting(SelectableChannel channel) {
        InetAddress address = remoteAddress(channel);
        if (address == null || exempt.contains(address)) {
            return;
        }
        int[] count = new int[1];
        counts.compute(address, (a, n) -> {
            count[0] = n == null ? 1 : n + 1;
            return count[0];
        });
        open.put(channel, address);
        if (count[0] > limit) {
            if (warned.putIfAbsent(address, Boolean.TRUE) == null) {
                log.warn("Refusing connections from {}: it holds {} already (CRUDDUR_CONNECTIONS_PER_ADDRESS)",
                        address.getHostAddress(), limit);
            }
            // Jetty then fails to register the closed channel and reports it to onAcceptFailed.
            closeQuietly(channel);
        }
    }

    @Override
    public void onAcceptFailed(SelectableChannel channel, Throwable cause) {
        forget(channel);
    }

    @Override
    public void onClosed(SelectableChannel channel) {
        forget(channel);
    }

    private void forget(SelectableChannel channel) {
        InetAddress address = open.remove(channel);
        if (address == null) {
            return;
        }
        Integer left = counts.computeIfPresent(address, (a, n) -> n <= 1 ? null : n - 1);
        if (left == null || left < limit) {
            warned.remove(address);
        }
    }

    private static InetAddress remoteAddress(SelectableChannel channel) {
        if (!(channel instanceof SocketChannel socket)) {
            return null;
        }
        try {
            SocketAddress remote = socket.getRemoteAddress();
            return remote instanceof InetSocketAddress inet ? inet.getAddress() : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static void closeQuietly(SelectableChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // closed either way
        }
    }

    /** Connections counted now, for tests. */
    int connections(InetAddress address) {
        return counts.getOrDefault(address, 0);
    }
}
