package dev.cruddur.server;

import dev.cruddur.localcognito.CodePurpose;
import dev.cruddur.localcognito.CodeSender;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one-time codes the tests' servers sent, as a person finds them in their mail: the latest
 * one for each email and purpose. {@link #SENDER} records each code, then logs it as a server
 * does by default, so the log line is still there for the tests that look at it.
 */
public final class SentCodes {

    private static final Map<String, String> LATEST = new ConcurrentHashMap<>();
    private static final CodeSender LOG = CodeSender.toLog();

    /** For {@code CruddurApp.start(settings, SentCodes.SENDER)}; {@link TestServer} passes it. */
    public static final CodeSender SENDER = (email, purpose, code) -> {
        LATEST.put(key(email, purpose), code);
        LOG.send(email, purpose, code);
    };

    private SentCodes() {
    }

    /** The confirmation code most recently sent to this email. */
    public static String confirmationCode(String email) {
        return latest(email, CodePurpose.CONFIRMATION);
    }

    /** The password-reset code most recently sent to this email. */
    public static String passwordResetCode(String email) {
        return latest(email, CodePurpose.PASSWORD_RESET);
    }

    private static String latest(String email, CodePurpose purpose) {
        return Optional.ofNullable(LATEST.get(key(email, purpose)))
                .orElseThrow(() -> new AssertionError("no " + purpose.label() + " was sent to " + email));
    }

    private static String key(String email, CodePurpose purpose) {
        return purpose + " " + email;
    }
}
