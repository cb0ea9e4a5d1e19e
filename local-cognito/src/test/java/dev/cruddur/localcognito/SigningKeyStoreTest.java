package dev.cruddur.localcognito;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.RSAKey;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SigningKeyStoreTest {

    @TempDir
    Path directory;

    @Test
    void generatesOnceAndReadsTheSameKeyBack() throws Exception {
        Path keys = directory.resolve("nested").resolve("local-cognito");
        RSAKey created = SigningKeyStore.loadOrCreate(keys);
        RSAKey loaded = SigningKeyStore.loadOrCreate(keys);

        assertThat(loaded).isEqualTo(created);
        assertThat(created.size()).isEqualTo(2048);
        assertThat(created.getKeyID()).isEqualTo(created.computeThumbprint().toString());
        try (var files = Files.list(keys)) {
            assertThat(files.map(p -> p.getFileName().toString())).as("no temporary file left").containsExactly("signing-key.json");
        }
    }

    @Test
    void aDamagedFileIsReportedWithoutItsContent() throws Exception {
        Files.writeString(directory.resolve("signing-key.json"), "{\"kty\":\"RSA\",\"secret\":\"s3cr3t-material\"");
        assertThatThrownBy(() -> SigningKeyStore.loadOrCreate(directory))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("delete it")
                .hasMessageNotContaining("s3cr3t-material");
    }

    @Test
    void aPublicKeyAloneIsNotASigningKey() throws Exception {
        RSAKey key = SigningKeyStore.loadOrCreate(directory.resolve("a"));
        Files.writeString(directory.resolve("signing-key.json"), key.toPublicJWK().toJSONString());
        assertThatThrownBy(() -> SigningKeyStore.loadOrCreate(directory)).hasMessageContaining("private RSA key");
    }
}
