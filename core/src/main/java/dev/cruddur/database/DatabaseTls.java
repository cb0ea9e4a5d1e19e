package dev.cruddur.database;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;
import org.postgresql.Driver;

/**
 * How a connection to a database on another machine is protected when its URL does not say.
 *
 * <p>pgjdbc's own default, {@code sslmode=prefer}, quietly falls back to plain text, so a
 * password and every row could cross the network readable. Cruddur asks for
 * {@code sslmode=require} instead (encrypted, but pgjdbc does not check the certificate), or
 * {@code sslmode=verify-full} against the CA bundle in {@code DATABASE_CA_BUNDLE} (encrypted,
 * and only to a server whose certificate that CA signed for that host name).
 *
 * <p>A loopback host is left alone: the traffic never leaves the machine, and the embedded
 * database does not offer TLS. The decision looks at the host as written, never at what a name
 * resolves to: a DNS answer can change after start, and only the literal {@code localhost} is
 * loopback by definition. A URL that sets {@code sslmode} (or pgjdbc's older {@code ssl}) itself
 * keeps it, {@code disable} included: that is someone's explicit choice. So does a URL with a
 * {@code socketFactory} (how pgjdbc reaches a Unix socket), where PostgreSQL offers no TLS.
 *
 * @param caBundle the PEM file of trusted CAs (e.g. RDS's global-bundle.pem), or null
 */
public record DatabaseTls(Path caBundle) {

    public static final String CA_BUNDLE_VARIABLE = "DATABASE_CA_BUNDLE";

    private static final Pattern IPV4_LOOPBACK = Pattern.compile("127(\\.\\d{1,3}){3}");

    /**
     * Reads {@value #CA_BUNDLE_VARIABLE}; a path that is set but names no readable file is an
     * error now, at start, rather than a failed TLS handshake later.
     */
    public static DatabaseTls fromEnvironment(Map<String, String> env) {
        String value = env.get(CA_BUNDLE_VARIABLE);
        if (value == null || value.isBlank()) {
            return new DatabaseTls(null);
        }
        Path bundle = Path.of(value.strip()).toAbsolutePath();
        if (!Files.isRegularFile(bundle) || !Files.isReadable(bundle)) {
            throw new IllegalArgumentException(CA_BUNDLE_VARIABLE + " names no readable file: " + bundle
                    + " (download RDS's from https://truststore.pki.rds.amazonaws.com/global/global-bundle.pem)");
        }
        return new DatabaseTls(bundle);
    }

    /** The URL with the TLS parameters this policy adds; the URL's own choices stay. */
    public DatabaseUrl applyTo(DatabaseUrl url) {
        Properties parameters = Driver.parseURL(url.jdbcUrl(), null);
        if (parameters == null) {
            // Not a URL pgjdbc understands; it will say so itself when connecting.
            return url;
        }
        String mode = parameters.getProperty("sslmode");
        // pgjdbc reads ssl (empty or true) without an sslmode as verify-full, and any other ssl
        // value as prefer, which falls back to plain text: only the first is a choice we keep.
        String ssl = parameters.getProperty("ssl");
        boolean sslAlone = mode == null && ssl != null && (ssl.isEmpty() || Boolean.parseBoolean(ssl));
        boolean modeChosen = mode != null || sslAlone;
        StringBuilder added = new StringBuilder();
        if (!modeChosen && !isLoopback(parameters.getProperty("PGHOST", "")) && !parameters.containsKey("socketFactory")) {
            mode = caBundle == null ? "require" : "verify-full";
            added.append("sslmode=").append(mode);
        }
        // A verifying mode, ours or the URL's own, checks against the configured bundle.
        boolean verifies = "verify-full".equals(mode) || "verify-ca".equals(mode) || sslAlone;
        if (caBundle != null && verifies && !parameters.containsKey("sslrootcert")) {
            added.append(added.isEmpty() ? "" : "&").append("sslrootcert=")
                    .append(URLEncoder.encode(caBundle.toString(), StandardCharsets.UTF_8));
        }
        if (added.isEmpty()) {
            return url;
        }
        String separator = url.jdbcUrl().contains("?") ? "&" : "?";
        return new DatabaseUrl(url.jdbcUrl() + separator + added, url.user(), url.password());
    }

    /**
     * Every host of the URL (pgjdbc accepts a comma-separated list) must be loopback; an empty
     * host is pgjdbc's {@code localhost}.
     */
    static boolean isLoopback(String hosts) {
        for (String host : hosts.split(",", -1)) {
            String bare = host.strip().replaceAll("^\\[|]$", "");
            boolean loopback = bare.isEmpty()
                    || bare.equalsIgnoreCase("localhost")
                    || IPV4_LOOPBACK.matcher(bare).matches()
                    || bare.equals("::1")
                    || bare.equals("0:0:0:0:0:0:0:1");
            if (!loopback) {
                return false;
            }
        }
        return true;
    }
}
