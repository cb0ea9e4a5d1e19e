package dev.cruddur.localcognito;

import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * Password hashes: BCrypt from Spring Security's crypto module, with a random salt per hash.
 * Cost 10 (Spring's default) keeps a sign-in around 50–100 ms, fine for a development server.
 */
public final class PasswordHasher {

    // Checked against when the account does not exist, so an unknown email costs the same time
    // as a wrong password and response times do not reveal which accounts exist. A constant
    // (cost 10, the hash of a random UUID nobody kept), so starting the server spends no BCrypt.
    private static final String DECOY = "$2a$10$mpFpHAPpbFJ42KORo4eYCeKryXkc6D2/UVzOS8ayb/76caVts10w2";

    private final BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder(10);

    public String hash(String password) {
        return bcrypt.encode(password);
    }

    boolean matches(String password, String hash) {
        return password != null && bcrypt.matches(password, hash);
    }

    /** Spends the time of one check, for a user who does not exist. */
    void matchNothing(String password) {
        bcrypt.matches(password == null ? "" : password, DECOY);
    }
}
