package dev.cruddur.localcognito;

import java.time.Duration;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Tries of a one-time code (ConfirmSignUp, ConfirmForgotPassword), counted per account in the
 * database ({@link CodeFailureDao}): at most {@code attempts} wrong codes in a window, then every
 * code is refused, the right one too, until the window ends. The wrong code that uses the window
 * up also expires the codes sent so far, so each code can be guessed a few times only, never once
 * per window for its whole lifetime.
 *
 * <p>Each try runs in one transaction with the account's row locked, so parallel tries are
 * counted one after the other and none slips past the limit. A wrong code is counted and
 * committed before it is answered; a try that fails for want of the database counts nothing.
 * An email without an account has no code to guess: it is answered {@code UserNotFoundException},
 * as Cognito answers it, and not counted.
 */
final class CodeGuesses {

    private final Jdbi jdbi;
    private final OneTimeCodes codes;
    private final int attempts;
    private final long windowSeconds;

    CodeGuesses(Jdbi jdbi, OneTimeCodes codes, int attempts, Duration window) {
        this.jdbi = jdbi;
        this.codes = codes;
        this.attempts = attempts;
        this.windowSeconds = window.toSeconds();
    }

    /**
     * Checks {@code code} against the account's current code for {@code purpose}.
     *
     * @param precondition may refuse the try before the code is looked at (e.g. already confirmed)
     * @param onRightCode  acts on the right code, in the same transaction (its handle, holding the account's row lock)
     */
    void check(String username, CodePurpose purpose, String code, Consumer<Account> precondition,
               BiConsumer<Handle, Account> onRightCode) {
        Optional<CognitoError> wrong = jdbi.inTransaction(handle -> {
            AccountDao accounts = handle.attach(AccountDao.class);
            CodeFailureDao failures = handle.attach(CodeFailureDao.class);
            Account account = accounts.findByEmailForUpdate(username).orElseThrow(CognitoError::userNotFound);
            if (failures.usedUp(account.sub(), attempts, windowSeconds)) {
                throw CognitoError.attemptLimitExceeded();
            }
            precondition.accept(account);
            try {
                check(account, purpose, code);
            } catch (CognitoError mismatchedOrExpired) {
                if (failures.failed(account.sub(), windowSeconds) >= attempts) {
                    accounts.forgetCodes(account.sub());
                }
                return Optional.of(mismatchedOrExpired); // committed, then answered
            }
            failures.forget(account.sub());
            onRightCode.accept(handle, account);
            return Optional.empty();
        });
        if (wrong.isPresent()) {
            throw wrong.get();
        }
    }

    private void check(Account account, CodePurpose purpose, String code) {
        switch (purpose) {
            case CONFIRMATION -> codes.check(account.sub(), purpose, code, account.confirmationCodeHash(),
                    account.confirmationCodeExpires());
            case PASSWORD_RESET -> codes.check(account.sub(), purpose, code, account.resetCodeHash(),
                    account.resetCodeExpires());
        }
    }
}
