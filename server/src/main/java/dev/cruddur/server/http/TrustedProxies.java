package dev.cruddur.server.http;

import jakarta.servlet.http.HttpServletRequest;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The load balancers and reverse proxies in front of the server ({@code TRUSTED_PROXIES}), and
 * what follows from trusting them: who a request really comes from.
 *
 * <p>Behind a load balancer every connection's peer is the balancer. It says whom it forwards for
 * by appending that peer's address to {@code X-Forwarded-For}, so the client is the right-most
 * address in the header that is not itself one of the trusted proxies. Everything to the left
 * of it was written by the client, or by proxies nobody here vouches for, and is never read.
 * From a peer that is not a trusted proxy the header is ignored altogether: anyone can write it,
 * and a limit keyed on it could be side-stepped by writing a new address each time.
 */
public final class TrustedProxies {

    /** None: every request comes from its connection's peer (a laptop, or a server facing clients directly). */
    public static final TrustedProxies NONE = new TrustedProxies(List.of());

    private static final String HEADER = "X-Forwarded-For";
    /** What may be given to {@link InetAddress#getByName} without a name being looked up. */
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("(?i)[0-9a-f:.]*:[0-9a-f:.]*");

    private final List<Range> ranges;

    private TrustedProxies(List<Range> ranges) {
        this.ranges = List.copyOf(ranges);
    }

    /**
     * Reads {@code TRUSTED_PROXIES}: addresses and CIDR blocks separated by commas, such as
     * {@code 10.0.0.0/16,192.168.1.7,fd00::/8}. Blank means none.
     *
     * @throws IllegalArgumentException naming the entry that is neither
     */
    public static TrustedProxies parse(String list) {
        if (list == null || list.isBlank()) {
            return NONE;
        }
        List<Range> ranges = new ArrayList<>();
        for (String entry : list.split(",")) {
            String text = entry.strip();
            if (!text.isEmpty()) {
                ranges.add(Range.parse(text).orElseThrow(() -> new IllegalArgumentException(
                        "TRUSTED_PROXIES must list IP addresses or CIDR blocks (e.g. 10.0.0.0/16), separated by commas,"
                                + " not '" + text + "'")));
            }
        }
        return new TrustedProxies(ranges);
    }

    public boolean isEmpty() {
        return ranges.isEmpty();
    }

    public boolean contains(InetAddress address) {
        for (Range range : ranges) {
            if (range.contains(address)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The address a request comes from, as limits should count it.
     *
     * @param peer         the connection's far end, an IP literal ({@code getRemoteAddr()})
     * @param forwardedFor the request's {@code X-Forwarded-For} headers, in the order received
     * @return an IP literal: the peer, unless it is a trusted proxy and the header names someone beyond it
     */
    public String clientAddress(String peer, List<String> forwardedFor) {
        Optional<InetAddress> hop = literal(peer);
        if (hop.isEmpty() || !contains(hop.get())) {
            return peer;
        }
        List<String> entries = new ArrayList<>();
        for (String header : forwardedFor) {
            entries.addAll(Arrays.asList(header.split(",")));
        }
        // From the right: each entry was written by the hop after it, trusted so far.
        for (int i = entries.size() - 1; i >= 0; i--) {
            Optional<InetAddress> written = literal(entries.get(i).strip());
            if (written.isEmpty()) {
                // Not an address: whoever wrote it is not believed, the trusted hop that passed it on is the client.
                break;
            }
            hop = written;
            if (!contains(written.get())) {
                break;
            }
        }
        return hop.get().getHostAddress();
    }

    /** {@link #clientAddress(String, List)} of a request being handled. */
    public String clientAddress(HttpServletRequest request) {
        if (isEmpty()) {
            return request.getRemoteAddr();
        }
        Enumeration<String> headers = request.getHeaders(HEADER);
        return clientAddress(request.getRemoteAddr(), headers == null ? List.of() : Collections.list(headers));
    }

    /** An IP literal, parsed without any name lookup; a bracketed IPv6 literal too. */
    static Optional<InetAddress> literal(String text) {
        String bare = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        if (!IPV4.matcher(bare).matches() && !IPV6.matcher(bare).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(bare));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    /** One address block: its first address and how many leading bits a member shares with it. */
    private record Range(byte[] network, int prefixBits) {

        static Optional<Range> parse(String text) {
            int slash = text.indexOf('/');
            Optional<InetAddress> address = literal(slash < 0 ? text : text.substring(0, slash));
            if (address.isEmpty()) {
                return Optional.empty();
            }
            byte[] bytes = address.get().getAddress();
            int bits = bytes.length * 8;
            if (slash >= 0) {
                String prefix = text.substring(slash + 1);
                if (!prefix.matches("\\d{1,3}") || Integer.parseInt(prefix) > bits) {
                    return Optional.empty();
                }
                bits = Integer.parseInt(prefix);
            }
            return Optional.of(new Range(bytes, bits));
        }

        boolean contains(InetAddress address) {
            byte[] candidate = address.getAddress();
            if (candidate.length != network.length) {
                return false;
            }
            int whole = prefixBits / 8;
            for (int i = 0; i < whole; i++) {
                if (candidate[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefixBits % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (candidate[whole] & mask) == (network[whole] & mask);
        }
    }
}
