package dev.cruddur.server.database;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import org.postgresql.util.PasswordUtil;

/**
 * The embedded PostgreSQL's superuser password: 192 random bits, made by Cruddur, kept in a file
 * only this account can read, and never logged or printed. Every Cruddur process that opens the
 * embedded database reads it from there, so nobody ever types it.
 */
final class SuperuserPassword {

    private static final SecureRandom RANDOM = new SecureRandom();

    private SuperuserPassword() {
    }

    /** 24 random bytes in URL-safe Base64: 32 characters that need no quoting anywhere. */
    static String generate() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The password in {@code file}, which is narrowed to 0600 if it was wider; empty when there is no file. */
    static Optional<String> read(Path file) throws IOException {
        try {
            String password = Files.readString(file, StandardCharsets.UTF_8).strip();
            OwnerOnlyFiles.file(file);
            return password.isEmpty() ? Optional.empty() : Optional.of(password);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    /** Stores {@code password} in {@code file} (0600), on its first line as initdb's --pwfile reads it. */
    static void write(Path file, String password) throws IOException {
        OwnerOnlyFiles.write(file, password + "\n");
    }

    /**
     * The statement that gives the superuser {@code password}. It carries the SCRAM-SHA-256
     * verifier, not the password: PostgreSQL stores a verifier as it is, and the password itself
     * never passes through the server.
     */
    static String alterRole(String password) {
        String verifier = PasswordUtil.encodeScramSha256(password.toCharArray());
        return "ALTER ROLE " + PostgresPrograms.SUPERUSER + " PASSWORD '" + verifier.replace("'", "''") + "'";
    }
}
