package dev.cruddur.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cruddur.testing.TestCertificates;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.Driver;

/**
 * The TLS defaults against real PostgreSQL servers reached over the machine's own non-loopback
 * address, the way a process reaches RDS: one server with TLS (a certificate from a CA made
 * here, for {@code localhost} and that address, not for 127.0.0.1), one without.
 */
class DatabaseTlsConnectionTest {

    @TempDir
    static Path files;

    private static String address;
    private static Path trustedCa;
    private static Path otherCa;
    private static EmbeddedPostgres withTls;
    private static EmbeddedPostgres withoutTls;

    @BeforeAll
    static void startServers() throws IOException {
        address = nonLoopbackAddress();
        TestCertificates ca = TestCertificates.authority("Cruddur Test CA");
        trustedCa = ca.writeCertificate(files.resolve("trusted-ca.pem"));
        otherCa = TestCertificates.authority("Some Other CA").writeCertificate(files.resolve("other-ca.pem"));
        TestCertificates.ServerFiles server = ca.issueServer(files.resolve("server"), List.of("localhost"), List.of(address));
        // This machine may connect over its own address and loopback (where the library checks the
        // server is up), with or without TLS: the client's choice is what is tested. Nobody else:
        // these are password-less superuser servers, so they listen on those two addresses only.
        Path hba = Files.writeString(files.resolve("pg_hba.conf"), """
                local all all trust
                host all all %s/32 trust
                host all all 127.0.0.1/32 trust
                host all all ::1/128 trust
                """.formatted(address));
        withTls = EmbeddedPostgres.builder()
                .setServerConfig("listen_addresses", address + ",localhost")
                .setServerConfig("hba_file", hba.toString())
                .setServerConfig("ssl", "on")
                .setServerConfig("ssl_cert_file", server.certificate().toString())
                .setServerConfig("ssl_key_file", server.key().toString())
                .setOutputRedirector(ProcessBuilder.Redirect.appendTo(files.resolve("with-tls.log").toFile()))
                .setErrorRedirector(ProcessBuilder.Redirect.appendTo(files.resolve("with-tls.log").toFile()))
                .start();
        withoutTls = EmbeddedPostgres.builder()
                .setServerConfig("listen_addresses", address + ",localhost")
                .setServerConfig("hba_file", hba.toString())
                .setServerConfig("ssl", "off")
                .start();
    }

    @AfterAll
    static void stopServers() throws IOException {
        if (withTls != null) {
            withTls.close();
        }
        if (withoutTls != null) {
            withoutTls.close();
        }
    }

    @Test
    void aNonLoopbackHostIsReachedOverTlsByDefault() throws SQLException {
        DatabaseUrl url = fromEnvironment(Map.of("DATABASE_URL", urlOf(withTls, address, "")));

        assertThat(url.jdbcUrl()).endsWith("?sslmode=require");
        assertThat(sslOfOwnSession(url)).isTrue();
    }

    @Test
    void aServerWithoutTlsIsRefusedBeforeAnythingIsSentInClear() throws SQLException {
        DatabaseUrl url = fromEnvironment(Map.of("DATABASE_URL", urlOf(withoutTls, address, "")));

        assertThatThrownBy(() -> sslOfOwnSession(url))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("does not support SSL");
        // The same server is reachable when someone explicitly allows plain text: it was TLS that was missing.
        DatabaseUrl optedOut = fromEnvironment(Map.of("DATABASE_URL", urlOf(withoutTls, address, "?sslmode=disable")));
        assertThat(sslOfOwnSession(optedOut)).isFalse();
    }

    @Test
    void anExplicitSslmodeInTheUrlWins() throws SQLException {
        DatabaseUrl url = fromEnvironment(Map.of("DATABASE_URL", urlOf(withTls, address, "?sslmode=disable")));

        assertThat(sslOfOwnSession(url)).isFalse();
    }

    @Test
    void withTheCaBundleTheServersCertificateIsVerified() throws SQLException {
        DatabaseUrl url = fromEnvironment(Map.of(
                "DATABASE_URL", urlOf(withTls, address, ""),
                DatabaseTls.CA_BUNDLE_VARIABLE, trustedCa.toString()));

        assertThat(url.jdbcUrl()).contains("sslmode=verify-full").contains("sslrootcert=");
        assertThat(sslOfOwnSession(url)).isTrue();
    }

    @Test
    void withTheCaBundleACertificateFromAnotherCaIsRefused() {
        DatabaseUrl url = fromEnvironment(Map.of(
                "DATABASE_URL", urlOf(withTls, address, ""),
                DatabaseTls.CA_BUNDLE_VARIABLE, otherCa.toString()));

        assertThatThrownBy(() -> sslOfOwnSession(url))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("SSL error");
    }

    @Test
    void withTheCaBundleACertificateForAnotherHostIsRefused() {
        // The certificate names localhost and the machine's address, not 127.0.0.1.
        DatabaseUrl url = fromEnvironment(Map.of(
                "DATABASE_URL", urlOf(withTls, "127.0.0.1", "?sslmode=verify-full"),
                DatabaseTls.CA_BUNDLE_VARIABLE, trustedCa.toString()));

        assertThatThrownBy(() -> sslOfOwnSession(url))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("127.0.0.1");
    }

    private static DatabaseUrl fromEnvironment(Map<String, String> env) {
        return DatabaseUrl.fromEnvironment(new HashMap<>(env)).orElseThrow();
    }

    private static String urlOf(EmbeddedPostgres server, String host, String query) {
        return "postgresql://postgres@" + host + ":" + server.getPort() + "/postgres" + query;
    }

    /** Connects the way every Cruddur process does (the URL plus the user as a property) and asks the server. */
    private static boolean sslOfOwnSession(DatabaseUrl url) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", url.user());
        properties.setProperty("connectTimeout", "5");
        try (Connection connection = new Driver().connect(url.jdbcUrl(), properties);
             Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")) {
            row.next();
            return row.getBoolean(1);
        }
    }

    private static String nonLoopbackAddress() throws SocketException {
        for (NetworkInterface network : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!network.isUp() || network.isLoopback()) {
                continue;
            }
            for (InetAddress candidate : Collections.list(network.getInetAddresses())) {
                if (candidate instanceof Inet4Address && !candidate.isLoopbackAddress()) {
                    return candidate.getHostAddress();
                }
            }
        }
        throw new IllegalStateException("this machine has no non-loopback IPv4 address to test TLS over");
    }
}
