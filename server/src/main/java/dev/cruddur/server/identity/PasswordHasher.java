package dev.cruddur.server.identity;

import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * Password hashes: BCrypt from Spring Security's crypto module, with a random salt per hash.
 * Cost 10 (Spring's default) keeps a sign-in around 50–100 ms, fine for a development server.
 */
final class PasswordHasher {

    private final BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder(10);
    // Checked against when the account does not exist, so an unknown email costs the same time
    // as a wrong password and response times do not reveal which accounts exist.
    private final String decoy = bcrypt.encode("decoy password nobody has");

    String hash(String password) {
        return bcrypt.encode(password);
    }

    boolean matches(String password, String hash) {
        return password != null && bcrypt.matches(password, hash);
    }

    /** Spends the time of one check, for a user who does not exist. */
    void matchNothing(String password) {
        bcrypt.matches(password == null ? "" : password, decoy);
    }
}
