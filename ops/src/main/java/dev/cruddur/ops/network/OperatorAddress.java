package dev.cruddur.ops.network;

import dev.cruddur.ops.CommandFailure;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * Exactly one public address, the only kind this tool ever lets into a security group: a /32
 * (IPv4) or /128 (IPv6). Anything wider, private, loopback or otherwise unroutable is refused
 * here, so no other code can ask for 0.0.0.0/0 or ::/0.
 */
record OperatorAddress(InetAddress address) {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+");

    OperatorAddress {
        String why = refusal(address);
        if (why != null) {
            throw CommandFailure.usage(why);
        }
    }

    /**
     * Reads an address as typed or as a look-up service answered: {@code 203.0.113.7},
     * {@code 2001:db8::7}, optionally with /32 or /128. Never resolves a host name.
     */
    static OperatorAddress parse(String text, String source) {
        String value = text == null ? "" : text.strip();
        int slash = value.indexOf('/');
        String host = slash < 0 ? value : value.substring(0, slash);
        boolean v4 = IPV4.matcher(host).matches();
        boolean v6 = !v4 && host.contains(":") && IPV6.matcher(host).matches();
        if (!v4 && !v6) {
            throw CommandFailure.usage(source + " is not an IP address: '" + shorten(value) + "'");
        }
        if (slash >= 0) {
            String prefix = value.substring(slash + 1);
            if (!prefix.equals(v4 ? "32" : "128")) {
                throw CommandFailure.usage("Refusing " + value + ": only one address (/" + (v4 ? "32" : "128")
                        + ") is ever let in, never a range" + ("0".equals(prefix) ? " (and never the whole internet)" : ""));
            }
        }
        try {
            // A literal: getByName does no DNS look-up for it.
            return new OperatorAddress(InetAddress.getByName(host));
        } catch (UnknownHostException e) {
            throw CommandFailure.usage(source + " is not an IP address: '" + shorten(value) + "'");
        }
    }

    boolean ipv6() {
        return address instanceof Inet6Address;
    }

    /** 203.0.113.7/32 or 2001:db8::7/128. */
    String cidr() {
        return text() + (ipv6() ? "/128" : "/32");
    }

    /** The address in its usual short form. */
    String text() {
        return ipv6() ? compress(address.getHostAddress()) : address.getHostAddress();
    }

    /** Whether {@code cidr} (as AWS returns it) names exactly this address. */
    boolean sameAs(String cidr) {
        if (cidr == null) {
            return false;
        }
        try {
            return parse(cidr, "The rule's address").address.equals(address);
        } catch (CommandFailure e) {
            return false;
        }
    }

    private static String refusal(InetAddress address) {
        String text = address.getHostAddress();
        if (address.isAnyLocalAddress()) {
            return "Refusing " + text + ": that would open the database port to every address on the internet";
        }
        if (address.isLoopbackAddress()) {
            return "Refusing " + text + ": a loopback address is this machine, not your public IP (use --ip with your public address)";
        }
        if (address.isSiteLocalAddress() || address.isLinkLocalAddress() || uniqueLocal(address) || sharedAddressSpace(address)) {
            return "Refusing " + text + ": a private address is never what AWS sees; pass your public IP with --ip"
                    + " (or leave --ip out to look it up at checkip.amazonaws.com)";
        }
        if (address.isMulticastAddress()) {
            return "Refusing " + text + ": a multicast address is not one computer";
        }
        return null;
    }

    // fc00::/7
    private static boolean uniqueLocal(InetAddress address) {
        return address instanceof Inet6Address && (address.getAddress()[0] & 0xfe) == 0xfc;
    }

    // 100.64.0.0/10, carrier-grade NAT: the address behind it is not the one AWS sees
    private static boolean sharedAddressSpace(InetAddress address) {
        byte[] bytes = address.getAddress();
        return address instanceof Inet4Address && (bytes[0] & 0xff) == 100 && (bytes[1] & 0xc0) == 64;
    }

    private static String shorten(String value) {
        String printable = value.replaceAll("[^\\x20-\\x7e]", "?");
        return printable.length() > 60 ? printable.substring(0, 60) + "…" : printable;
    }

    /** 2001:db8:0:0:0:0:0:7 -> 2001:db8::7 (the longest run of zero groups, as RFC 5952 writes it). */
    static String compress(String full) {
        String[] groups = full.replaceFirst("%.*$", "").split(":");
        int bestStart = -1;
        int bestLength = 0;
        for (int i = 0; i < groups.length; ) {
            if (groups[i].replaceFirst("^0+", "").isEmpty()) {
                int j = i;
                while (j < groups.length && groups[j].replaceFirst("^0+", "").isEmpty()) {
                    j++;
                }
                if (j - i > bestLength) {
                    bestStart = i;
                    bestLength = j - i;
                }
                i = j;
            } else {
                i++;
            }
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < groups.length; i++) {
            if (bestLength >= 2 && i == bestStart) {
                text.append(i == 0 ? "::" : ":");
                i += bestLength - 1;
                continue;
            }
            text.append(groups[i].replaceFirst("^0+(?=.)", ""));
            if (i < groups.length - 1) {
                text.append(':');
            }
        }
        return text.toString();
    }
}
