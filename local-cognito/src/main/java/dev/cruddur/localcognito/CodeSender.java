package dev.cruddur.localcognito;

import dev.cruddur.text.LogSafe;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the development identity provider's one-time codes go once they are stored. Cognito
 * emails them; a developer's laptop has no mail server, so {@link #toLog()} writes each one to
 * the server log. That is the only place a code appears: the database keeps a hash of it, and no
 * response contains it.
 */
@FunctionalInterface
public interface CodeSender {

    /** @param code six digits, for the person at {@code email} only */
    void send(String email, CodePurpose purpose, String code);

    /** One line per code, {@code Confirmation code for alice@example.com: 123456}, from the logger {@code OneTimeCodes}. */
    static CodeSender toLog() {
        Logger log = LoggerFactory.getLogger(OneTimeCodes.class);
        // Escaped although emails with control characters are refused at the door: this line is
        // the one a forger would imitate, and it must stay one line whatever reaches it.
        return (email, purpose, code) -> log.info("{} for {}: {}", purpose.label(), LogSafe.text(email), code);
    }
}
