package dev.cruddur.localcognito;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/**
 * Six-digit codes for confirming an account and resetting a password: issued, stored as a hash,
 * handed to a {@link CodeSender}, and checked.
 */
final class OneTimeCodes {

    /** A code just issued: the digits (to log, once) and what is stored. */
    record Issued(String code, String hash, Instant expiresAt) {
        @Override
        public String toString() {
            return "Issued[expiresAt=" + expiresAt + "]";
        }
    }

    private final SecureRandom random = new SecureRandom();
    private final Clock clock;
    private final CodeSender sender;

    OneTimeCodes(Clock clock, CodeSender sender) {
        this.clock = clock;
        this.sender = sender;
    }

    Issued issue(UUID sub, CodePurpose purpose) {
        String code = String.format("%06d", random.nextInt(1_000_000));
        return new Issued(code, hash(sub, purpose, code), clock.instant().plus(purpose.lifetime()));
    }

    /** Call once the code is stored. */
    void deliver(Issued issued, String email, CodePurpose purpose) {
        sender.send(email, purpose, issued.code());
    }

    /**
     * @throws CognitoError {@code CodeMismatchException} when there is no code or it differs,
     *                      {@code ExpiredCodeException} when it is right but too old
     */
    void check(UUID sub, CodePurpose purpose, String code, String storedHash, Instant expiresAt) {
        if (storedHash == null || code == null
                || !MessageDigest.isEqual(storedHash.getBytes(StandardCharsets.US_ASCII),
                        hash(sub, purpose, code).getBytes(StandardCharsets.US_ASCII))) {
            throw CognitoError.codeMismatch();
        }
        if (!clock.instant().isBefore(expiresAt)) {
            throw CognitoError.expiredCode();
        }
    }

    /**
     * SHA-256 over the account, the purpose and the code. A million possible codes is no secret
     * against someone who can read the table; the hash only keeps codes out of plain sight
     * (a SELECT, a dump), and binds each code to one account and one purpose.
     */
    private static String hash(UUID sub, CodePurpose purpose, String code) {
        return Sha256.hex(sub + ":" + purpose.name() + ":" + code);
    }
}
