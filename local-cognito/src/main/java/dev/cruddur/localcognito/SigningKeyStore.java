package dev.cruddur.localcognito;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The development provider's RSA signing key, kept as a private JWK in
 * {@code <data dir>/local-cognito/signing-key.json}. It is generated on first use and read back
 * on every later start, so tokens issued before a restart stay valid after it. Deleting the file
 * rotates the key: the next start makes a new one, and the caller revokes every refresh token
 * first (see {@link #loadOrCreate(Path, Runnable)}).
 *
 * <p>The file is readable by its owner only (600), and written whole before it gets its name:
 * a crash leaves no half key, and two servers starting at once on one data directory agree on
 * the key (a hard link cannot replace an existing name, so the second one reads the first's).
 */
final class SigningKeyStore {

    private static final Logger log = LoggerFactory.getLogger(SigningKeyStore.class);
    static final String FILE_NAME = "signing-key.json";

    private SigningKeyStore() {
    }

    /** The key in {@code directory}, created there if there is none yet. */
    static RSAKey loadOrCreate(Path directory) {
        return loadOrCreate(directory, () -> { });
    }

    /**
     * The key in {@code directory}, created there if there is none yet.
     *
     * @param beforeNewKey runs before a new key is generated and written (and so before any
     *                     token can be signed with it); if it throws, no key is written and the
     *                     next start tries again
     */
    static RSAKey loadOrCreate(Path directory, Runnable beforeNewKey) {
        Path file = directory.resolve(FILE_NAME);
        try {
            if (Files.exists(file)) {
                return read(file);
            }
            beforeNewKey.run();
            createDirectory(directory);
            RSAKey key = generate();
            Path temporary = Files.createTempFile(directory, FILE_NAME, ".tmp", ownerOnly(directory, false));
            try {
                Files.writeString(temporary, key.toJSONString(), StandardCharsets.UTF_8);
                try {
                    Files.createLink(file, temporary);
                } catch (FileAlreadyExistsException e) {
                    log.info("Another process created the signing key first; using it");
                    return read(file);
                } catch (UnsupportedOperationException e) {
                    // A file system without hard links: a rename, which could only lose a race.
                    Files.move(temporary, file);
                }
            } finally {
                Files.deleteIfExists(temporary);
            }
            log.info("Generated the development identity provider's signing key in {}", file);
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the signing key " + file, e);
        }
    }

    private static RSAKey read(Path file) throws IOException {
        try {
            JWK jwk = JWK.parse(Files.readString(file, StandardCharsets.UTF_8));
            if (!(jwk instanceof RSAKey rsa) || !rsa.isPrivate()) {
                throw new IllegalStateException(file + " does not hold a private RSA key; delete it to generate a new one");
            }
            return rsa;
        } catch (ParseException e) {
            // The message of a JWK parse error may quote the key material: not passed on.
            throw new IllegalStateException(file + " is not a JWK; delete it to generate a new one");
        }
    }

    private static RSAKey generate() {
        try {
            RSAKey key = new RSAKeyGenerator(2048)
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256)
                    .generate();
            // The kid is the key's RFC 7638 thumbprint: stable, and it changes only with the key.
            return new RSAKey.Builder(key).keyIDFromThumbprint().build();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate an RSA key", e);
        }
    }

    private static void createDirectory(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            Files.createDirectories(directory, ownerOnly(directory, true));
        }
    }

    /** rw------- (rwx------ for a directory) where the file system has POSIX permissions; nothing otherwise. */
    private static FileAttribute<?>[] ownerOnly(Path onFileSystemOf, boolean directory) {
        if (!onFileSystemOf.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return new FileAttribute<?>[0];
        }
        Set<PosixFilePermission> permissions = PosixFilePermissions.fromString(directory ? "rwx------" : "rw-------");
        return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(permissions)};
    }
}
