package dev.cruddur.server.identity;

import org.jdbi.v3.core.Jdbi;

/**
 * One try of a one-time code for an email (ConfirmSignUp, ConfirmForgotPassword), under the
 * throttle of wrong codes. Once the email's tries are used up every code is refused, the right
 * one too; and the wrong guess that used them up also expires the codes sent so far, so
 * each code can be guessed a few times only, never once per window for its whole lifetime.
 */
final class CodeGuesses {

    private final Jdbi jdbi;
    private final AttemptThrottle throttle;
    private final String email;

    CodeGuesses(Jdbi jdbi, AttemptThrottle throttle, String email) {
        this.jdbi = jdbi;
        this.throttle = throttle;
        this.email = email;
    }

    /** Runs {@code attempt}, which checks the code and acts on it, if the email has a try left. */
    void check(Runnable attempt) {
        switch (throttle.tryAttempt(email)) {
            case USED_UP -> throw CognitoError.attemptLimitExceeded();
            case BUSY -> throw CognitoError.busy();
            case STARTED -> { }
        }
        try {
            attempt.run();
        } catch (CognitoError e) {
            throttle.failed(email);
            if ("CodeMismatchException".equals(e.type()) && throttle.exhausted(email)) {
                jdbi.useExtension(AccountDao.class, dao -> dao.forgetCodes(email));
            }
            throw e;
        } catch (RuntimeException | Error e) {
            throttle.giveBack(email);
            throw e;
        }
        throttle.succeeded(email);
    }
}
