package dev.cruddur.database;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Where the database is, as JDBC wants it. Accepts the two forms people paste:
 * {@code postgresql://user:password@host:5432/db} (what RDS and most hosts print) and
 * {@code jdbc:postgresql://host:5432/db?user=…}. The password never appears in
 * {@link #toString()}, so a URL can be logged safely.
 */
public record DatabaseUrl(String jdbcUrl, String user, String password) {

    private static final String USAGE =
            "expected postgresql://user:password@host:port/database or jdbc:postgresql://host:port/database";

    public DatabaseUrl {
        if (jdbcUrl == null || !jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("not a PostgreSQL JDBC URL; " + USAGE);
        }
    }

    /**
     * Reads {@code DATABASE_URL}, or the seed's name {@code CONNECTION_URL}; empty when neither is
     * set. A non-loopback host gets TLS unless the URL chooses otherwise (see {@link DatabaseTls},
     * which also reads {@code DATABASE_CA_BUNDLE}): every process reads its database this way.
     */
    public static Optional<DatabaseUrl> fromEnvironment(Map<String, String> env) {
        for (String name : new String[] {"DATABASE_URL", "CONNECTION_URL"}) {
            String value = env.get(name);
            if (value != null && !value.isBlank()) {
                DatabaseUrl url;
                try {
                    url = parse(value);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(name + " is not usable: " + e.getMessage(), e);
                }
                return Optional.of(DatabaseTls.fromEnvironment(env).applyTo(url));
            }
        }
        return Optional.empty();
    }

    /**
     * Reads {@code DATABASE_READ_URL}: read replicas, each written as {@code DATABASE_URL} is,
     * separated by commas (a comma is taken as a separator only where a new URL begins, so a
     * JDBC URL's list of hosts stays whole). TLS as for {@code DATABASE_URL}. Empty when unset.
     */
    public static List<DatabaseUrl> replicasFromEnvironment(Map<String, String> env) {
        String value = env.get("DATABASE_READ_URL");
        if (value == null || value.isBlank()) {
            return List.of();
        }
        DatabaseTls tls = DatabaseTls.fromEnvironment(env);
        List<DatabaseUrl> replicas = new ArrayList<>();
        int n = 0;
        for (String one : value.strip().split(",\\s*(?=jdbc:postgresql:|postgresql://|postgres://)")) {
            n++;
            try {
                replicas.add(tls.applyTo(parse(one)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("DATABASE_READ_URL's URL number " + n + " is not usable: " + e.getMessage(), e);
            }
        }
        return List.copyOf(replicas);
    }

    public static DatabaseUrl parse(String url) {
        String trimmed = url.strip();
        if (trimmed.startsWith("jdbc:postgresql:")) {
            return withoutPasswordParameter(trimmed, null, null);
        }
        if (!trimmed.startsWith("postgresql://") && !trimmed.startsWith("postgres://")) {
            throw new IllegalArgumentException("unknown scheme; " + USAGE);
        }
        URI uri;
        try {
            uri = new URI(trimmed);
        } catch (URISyntaxException e) {
            // The message of URISyntaxException quotes the input, password included: never pass it on.
            throw new IllegalArgumentException("malformed URL; " + USAGE);
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            throw new IllegalArgumentException("no host; " + USAGE);
        }
        String database = uri.getRawPath() == null ? "" : uri.getRawPath().replaceFirst("^/", "");
        if (database.isEmpty()) {
            throw new IllegalArgumentException("no database name; " + USAGE);
        }
        String user = null;
        String password = null;
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null) {
            int colon = userInfo.indexOf(':');
            user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
            password = colon < 0 ? null : decode(userInfo.substring(colon + 1));
        }
        StringBuilder jdbc = new StringBuilder("jdbc:postgresql://").append(host);
        if (uri.getPort() > 0) {
            jdbc.append(':').append(uri.getPort());
        }
        jdbc.append('/').append(database);
        if (uri.getRawQuery() != null) {
            jdbc.append('?').append(uri.getRawQuery());
        }
        return withoutPasswordParameter(jdbc.toString(), user, password);
    }

    /**
     * Moves a {@code password} parameter out of the URL's query string into {@link #password()}.
     * pgjdbc logs the URL it connects with (at FINE), and everything that connects passes the
     * password as a property, which nothing logs. Like pgjdbc, the parameter wins over a password
     * given otherwise, and its value is form-decoded.
     */
    private static DatabaseUrl withoutPasswordParameter(String jdbcUrl, String user, String password) {
        int query = jdbcUrl.indexOf('?');
        if (query < 0) {
            return new DatabaseUrl(jdbcUrl, user, password);
        }
        List<String> kept = new ArrayList<>();
        String found = password;
        for (String parameter : jdbcUrl.substring(query + 1).split("&")) {
            if (parameter.startsWith("password=")) {
                try {
                    found = URLDecoder.decode(parameter.substring("password=".length()), StandardCharsets.UTF_8);
                } catch (IllegalArgumentException e) {
                    // The decoder's message quotes the input: never pass it on.
                    throw new IllegalArgumentException("the password parameter is not properly percent-encoded; " + USAGE);
                }
            } else if (!parameter.isEmpty()) {
                kept.add(parameter);
            }
        }
        String base = jdbcUrl.substring(0, query);
        return new DatabaseUrl(kept.isEmpty() ? base : base + "?" + String.join("&", kept), user, found);
    }

    private static String decode(String part) {
        return URLDecoder.decode(part.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** The same server and credentials, another database on it. */
    public DatabaseUrl withDatabase(String database) {
        String rest = jdbcUrl.substring("jdbc:postgresql://".length());
        int slash = rest.indexOf('/');
        int query = rest.indexOf('?');
        String hostPort = slash < 0 ? (query < 0 ? rest : rest.substring(0, query)) : rest.substring(0, slash);
        String params = query < 0 ? "" : rest.substring(query);
        return new DatabaseUrl("jdbc:postgresql://" + hostPort + "/" + database + params, user, password);
    }

    /** The user and password, each when the URL has one, as the JDBC driver takes them besides the URL. */
    public Properties credentials() {
        Properties properties = new Properties();
        if (user != null) {
            properties.setProperty("user", user);
        }
        if (password != null) {
            properties.setProperty("password", password);
        }
        return properties;
    }

    @Override
    public String toString() {
        // Passwords can also hide in the JDBC query string.
        String safeUrl = jdbcUrl.replaceAll("(?i)(password=)[^&]*", "$1***");
        return safeUrl + (user == null ? "" : " (user " + user + ")");
    }
}
