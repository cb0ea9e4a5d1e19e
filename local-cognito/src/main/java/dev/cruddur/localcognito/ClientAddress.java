package dev.cruddur.localcognito;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * The address a request came from, as the throttles count it: the far end of its TCP
 * connection, or, behind a load balancer the server is told to trust, the client it forwards
 * for. The server decides which ({@link LocalCognito#answer(io.javalin.http.Context, BodyReader, String)}):
 * forwarding headers ({@code X-Forwarded-For}, {@code Forwarded}) are believed only from a
 * trusted proxy, since any client can write them. An IPv6 address counts as its /64 network, the
 * block one subscriber is given, or a single machine could count as 2^64 addresses.
 */
record ClientAddress(String value) {

    /** @param remoteAddress the connection's peer as the server reports it, an IP literal */
    static ClientAddress of(String remoteAddress) {
        String literal = remoteAddress.startsWith("[") && remoteAddress.endsWith("]")
                ? remoteAddress.substring(1, remoteAddress.length() - 1) : remoteAddress;
        if (literal.indexOf(':') < 0) {
            return new ClientAddress(literal);
        }
        try {
            // A literal containing ':' is parsed as IPv6, never looked up by name.
            InetAddress address = InetAddress.getByName(literal);
            if (address instanceof Inet6Address) {
                byte[] network = Arrays.copyOf(address.getAddress(), 16);
                Arrays.fill(network, 8, 16, (byte) 0);
                return new ClientAddress(InetAddress.getByAddress(network).getHostAddress() + "/64");
            }
            return new ClientAddress(address.getHostAddress()); // an IPv4-mapped IPv6 address
        } catch (UnknownHostException notALiteral) {
            return new ClientAddress(literal);
        }
    }

    /** What the throttles count it under. */
    String key() {
        return "address:" + value;
    }
}
