package dev.cruddur.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which URLs get which TLS parameters; {@link DatabaseTlsConnectionTest} shows what they do on a real server. */
class DatabaseTlsTest {

    private static final DatabaseTls NO_BUNDLE = new DatabaseTls(null);

    @TempDir
    Path files;

    @ParameterizedTest
    @ValueSource(strings = {
        "postgresql://u:pw@cruddur.abc123.us-east-1.rds.amazonaws.com:5432/cruddur",
        "postgresql://u:pw@10.0.0.5/cruddur",
        "postgresql://u:pw@[fd00::2]:5432/cruddur",
        "postgresql://u:pw@128.0.0.1/cruddur",
        "postgresql://u:pw@localhost.example.com/cruddur",
        "jdbc:postgresql://localhost:5432,db.example.com:5432/cruddur",
    })
    void aHostOffThisMachineRequiresTls(String url) {
        assertThat(NO_BUNDLE.applyTo(DatabaseUrl.parse(url)).jdbcUrl()).endsWith("?sslmode=require");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "postgresql://u:pw@localhost:5432/cruddur",
        "postgresql://u:pw@LOCALHOST/cruddur",
        "postgresql://u:pw@127.0.0.1:5432/cruddur",
        "postgresql://u:pw@127.1.2.3/cruddur",
        "postgresql://u:pw@[::1]:5432/cruddur",
        "jdbc:postgresql://[0:0:0:0:0:0:0:1]/cruddur",
        "jdbc:postgresql:cruddur",
        "jdbc:postgresql:///cruddur",
        "jdbc:postgresql://localhost,127.0.0.1:5433/cruddur",
    })
    void aLoopbackHostIsLeftAlone(String url) {
        DatabaseUrl parsed = DatabaseUrl.parse(url);

        assertThat(NO_BUNDLE.applyTo(parsed)).isEqualTo(parsed);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "postgresql://u:pw@db.example.com/cruddur?sslmode=disable",
        "postgresql://u:pw@db.example.com/cruddur?connectTimeout=5&sslmode=verify-ca&sslrootcert=/etc/ca.pem",
        "jdbc:postgresql://db.example.com/cruddur?socketFactory=org.newsclub.net.unix.AFUNIXSocketFactory$FactoryArg",
    })
    void aUrlThatChoosesForItselfKeepsItsChoice(String url) throws IOException {
        DatabaseUrl parsed = DatabaseUrl.parse(url);
        DatabaseTls withBundle = new DatabaseTls(Files.writeString(files.resolve("ca.pem"), "-"));

        assertThat(NO_BUNDLE.applyTo(parsed)).isEqualTo(parsed);
        assertThat(withBundle.applyTo(parsed)).isEqualTo(parsed);
    }

    @Test
    void otherParametersStayAndTheModeIsAppended() {
        DatabaseUrl url = DatabaseUrl.parse("postgresql://u:pw@db.example.com/cruddur?connectTimeout=5");

        assertThat(NO_BUNDLE.applyTo(url).jdbcUrl())
                .isEqualTo("jdbc:postgresql://db.example.com/cruddur?connectTimeout=5&sslmode=require");
    }

    @Test
    void aCaBundleMeansVerifyFullAgainstIt() throws IOException {
        Path bundle = Files.writeString(files.resolve("global bundle.pem"), "-");
        DatabaseUrl url = DatabaseUrl.parse("postgresql://u:pw@db.example.com:5432/cruddur");

        DatabaseUrl protectedUrl = new DatabaseTls(bundle).applyTo(url);

        assertThat(protectedUrl.jdbcUrl()).startsWith("jdbc:postgresql://db.example.com:5432/cruddur?sslmode=verify-full&sslrootcert=");
        // pgjdbc decodes the parameter back to the path, space included.
        assertThat(org.postgresql.Driver.parseURL(protectedUrl.jdbcUrl(), null).getProperty("sslrootcert"))
                .isEqualTo(bundle.toString());
        assertThat(protectedUrl.user()).isEqualTo("u");
        assertThat(protectedUrl.password()).isEqualTo("pw");
        assertThat(protectedUrl.toString()).doesNotContain("pw@").doesNotContain(":pw");
    }

    @Test
    void sslTrueAloneIsVerifyFullToPgjdbcSoItGetsTheBundle() throws IOException {
        Path bundle = Files.writeString(files.resolve("ca.pem"), "-");
        DatabaseUrl url = DatabaseUrl.parse("postgresql://u:pw@db.example.com/cruddur?ssl=true");

        assertThat(NO_BUNDLE.applyTo(url)).as("its own choice, kept").isEqualTo(url);
        assertThat(new DatabaseTls(bundle).applyTo(url).jdbcUrl())
                .isEqualTo("jdbc:postgresql://db.example.com/cruddur?ssl=true&sslrootcert="
                        + java.net.URLEncoder.encode(bundle.toString(), java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void sslFalseIsPgjdbcsPreferWhichFallsBackToPlainTextSoItGetsTheDefault() {
        DatabaseUrl url = DatabaseUrl.parse("postgresql://u:pw@db.example.com/cruddur?ssl=false");

        assertThat(NO_BUNDLE.applyTo(url).jdbcUrl()).isEqualTo("jdbc:postgresql://db.example.com/cruddur?ssl=false&sslmode=require");
    }

    @Test
    void anExplicitVerifyingModeGetsTheBundleToo() throws IOException {
        Path bundle = Files.writeString(files.resolve("ca.pem"), "-");
        DatabaseUrl url = DatabaseUrl.parse("postgresql://u:pw@db.example.com/cruddur?sslmode=verify-full");

        assertThat(new DatabaseTls(bundle).applyTo(url).jdbcUrl())
                .isEqualTo("jdbc:postgresql://db.example.com/cruddur?sslmode=verify-full&sslrootcert="
                        + java.net.URLEncoder.encode(bundle.toString(), java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void fromEnvironmentReadsTheBundleAndAppliesIt() throws IOException {
        Path bundle = Files.writeString(files.resolve("ca.pem"), "-");

        DatabaseUrl url = DatabaseUrl.fromEnvironment(Map.of(
                "CONNECTION_URL", "postgresql://u:pw@db.example.com/cruddur",
                "DATABASE_CA_BUNDLE", bundle.toString())).orElseThrow();

        assertThat(url.jdbcUrl()).contains("sslmode=verify-full&sslrootcert=");
    }

    @Test
    void aBundleThatIsNotThereIsAClearError() {
        Path missing = files.resolve("global-bundle.pem");

        assertThatThrownBy(() -> DatabaseUrl.fromEnvironment(Map.of(
                "DATABASE_URL", "postgresql://u:TopSecret42@db.example.com/cruddur",
                "DATABASE_CA_BUNDLE", missing.toString())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("DATABASE_CA_BUNDLE names no readable file: " + missing)
                .hasMessageContaining("https://truststore.pki.rds.amazonaws.com/global/global-bundle.pem")
                .message().doesNotContain("TopSecret42");
    }

    @Test
    void aDirectoryIsNoBundle() {
        assertThatThrownBy(() -> DatabaseTls.fromEnvironment(Map.of("DATABASE_CA_BUNDLE", files.toString())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("DATABASE_CA_BUNDLE names no readable file");
    }

    @Test
    void withoutTheVariableThereIsNoBundle() {
        assertThat(DatabaseTls.fromEnvironment(Map.of()).caBundle()).isNull();
        assertThat(DatabaseTls.fromEnvironment(Map.of("DATABASE_CA_BUNDLE", " ")).caBundle()).isNull();
    }
}
