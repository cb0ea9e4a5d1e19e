package dev.cruddur.server;

import dev.cruddur.server.http.TrustedProxies;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where the server listens and whom it answers.
 *
 * @param host                  {@code HOST}: the address to listen on; empty for the default of the
 *                              mode ({@link ServerSettings#listenHost()})
 * @param allowedHosts          {@code ALLOWED_HOSTS}: names (in lower case) that a request's
 *                              {@code Host} may carry besides the loopback ones; empty: with Cognito,
 *                              any name, and in local mode the loopback names only
 * @param connectionsPerAddress {@code CRUDDUR_CONNECTIONS_PER_ADDRESS}: how many connections one
 *                              client address may hold open at once; 0 for no limit (behind a
 *                              proxy, whose one address carries everybody's connections)
 * @param trustedProxies        {@code TRUSTED_PROXIES}: the load balancers in front of the server,
 *                              whose connections are not limited and whose {@code X-Forwarded-For}
 *                              says who the client is
 * @param drain                 {@code CRUDDUR_DRAIN_SECONDS}: how long a stopping server keeps
 *                              answering while its readiness check says 503, so that a load
 *                              balancer stops sending to it before it stops listening
 */
public record ListenSettings(Optional<String> host, List<String> allowedHosts, int connectionsPerAddress,
                             TrustedProxies trustedProxies, Duration drain) {

    /** The longest drain accepted: an ALB's slowest health checks (300 s apart, 10 failures) are far beyond any sane stop. */
    public static final Duration LONGEST_DRAIN = Duration.ofMinutes(10);

    /** Well above the 16 keep-alive connections of a benchmark or the 6 or so of a browser. */
    public static final int DEFAULT_CONNECTIONS_PER_ADDRESS = 100;

    /** A host name (RFC 1123 labels) or an IPv4 address. */
    private static final Pattern NAME = Pattern.compile(
            "(?i)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*\\.?");
    private static final Pattern IPV6_LITERAL = Pattern.compile("(?i)[0-9a-f:.]+(%[a-z0-9]+)?");

    public ListenSettings {
        host.ifPresent(h -> {
            if (!isAddressOrName(h)) {
                throw new IllegalArgumentException("HOST (serve --host) must be an IP address or a host name to listen on"
                        + " (e.g. 127.0.0.1 or 0.0.0.0), not '" + h + "'");
            }
        });
        for (String name : allowedHosts) {
            if (!isAllowedHostName(name)) {
                throw new IllegalArgumentException("ALLOWED_HOSTS must list host names or IP addresses, separated by"
                        + " commas, without a scheme, port or path (e.g. cruddur.example.com), not '" + name + "'");
            }
        }
        allowedHosts = allowedHosts.stream().map(name -> name.toLowerCase(Locale.ROOT)).toList();
        if (connectionsPerAddress < 0) {
            throw new IllegalArgumentException("CRUDDUR_CONNECTIONS_PER_ADDRESS must be 0 (no limit) or more, not "
                    + connectionsPerAddress);
        }
        if (drain.isNegative() || drain.compareTo(LONGEST_DRAIN) > 0) {
            throw new IllegalArgumentException("CRUDDUR_DRAIN_SECONDS must be from 0 to " + LONGEST_DRAIN.toSeconds()
                    + ", not " + drain.toSeconds());
        }
    }

    static ListenSettings fromEnvironment(Map<String, String> env, int connectionsPerAddress, int drainSeconds) {
        Optional<String> host = Optional.ofNullable(env.get("HOST")).map(String::strip).filter(h -> !h.isEmpty());
        List<String> allowed = Arrays.stream(env.getOrDefault("ALLOWED_HOSTS", "").split(","))
                .map(String::strip).filter(name -> !name.isEmpty()).toList();
        return new ListenSettings(host, allowed, connectionsPerAddress, TrustedProxies.parse(env.get("TRUSTED_PROXIES")),
                Duration.ofSeconds(drainSeconds));
    }

    private static boolean isAddressOrName(String host) {
        if (host.contains(":")) {
            // An IPv6 literal: parsed without any name lookup.
            if (!IPV6_LITERAL.matcher(host).matches()) {
                return false;
            }
            try {
                InetAddress.getByName(host);
                return true;
            } catch (UnknownHostException e) {
                return false;
            }
        }
        return NAME.matcher(host).matches();
    }

    private static boolean isAllowedHostName(String name) {
        if (name.startsWith("[") && name.endsWith("]")) {
            return isAddressOrName(name.substring(1, name.length() - 1));
        }
        return !name.contains(":") && NAME.matcher(name).matches();
    }
}
