package dev.cruddur.localcognito;

import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/**
 * {@code ForgotPassword} and {@code ConfirmForgotPassword}. Cognito fires Post Confirmation
 * again when a password reset is confirmed ({@code PostConfirmation_ConfirmForgotPassword}),
 * so the registration runs again here too: it is idempotent and leaves the one existing row.
 * A confirmed reset ends every sign-in of the account (its refresh tokens and their access tokens).
 */
final class PasswordResetFlow {

    private final Jdbi jdbi;
    private final PostConfirmation postConfirmation;
    private final PasswordPolicy policy;
    private final PasswordHasher hasher;
    private final OneTimeCodes codes;
    private final Throttles throttles;
    private final CodeGuesses guesses;

    PasswordResetFlow(Jdbi jdbi, PostConfirmation postConfirmation, PasswordPolicy policy, PasswordHasher hasher,
                      OneTimeCodes codes, Throttles throttles) {
        this.throttles = throttles;
        this.jdbi = jdbi;
        this.postConfirmation = postConfirmation;
        this.policy = policy;
        this.hasher = hasher;
        this.codes = codes;
        this.guesses = new CodeGuesses(jdbi, codes, Throttles.ATTEMPTS, Throttles.WINDOW);
    }

    CodeDeliveryResult forgotPassword(AmzRequest request) {
        String username = request.username();
        return throttles.codeRequest(request.client(), () -> AttemptKey.of(jdbi, username), () -> sendResetCode(username));
    }

    private CodeDeliveryResult sendResetCode(String username) {
        Account account = jdbi.withExtension(AccountDao.class, dao -> dao.findByEmail(username))
                .orElseThrow(CognitoError::userNotFound);
        if (!account.confirmed()) {
            throw CognitoError.invalidParameter(
                    "Cannot reset password for the user as there is no registered/verified email or phone_number");
        }
        OneTimeCodes.Issued code = codes.issue(account.sub(), CodePurpose.PASSWORD_RESET);
        jdbi.useExtension(AccountDao.class, dao -> dao.replaceResetCode(account.sub(), code.hash(), code.expiresAt()));
        codes.deliver(code, account.email(), CodePurpose.PASSWORD_RESET);
        return new CodeDeliveryResult(CodeDelivery.email(account.email()));
    }

    Map<String, Object> confirmForgotPassword(AmzRequest request) {
        String username = request.username();
        String code = request.required("ConfirmationCode");
        String password = request.text("Password");
        policy.check(password, "password");
        guesses.check(username, CodePurpose.PASSWORD_RESET, code, account -> { }, (handle, account) -> {
            // Hashed only once the code is right, so a wrong guess costs no BCrypt (tens of
            // milliseconds of CPU); the row lock held meanwhile concerns this one account only.
            handle.attach(AccountDao.class).resetPassword(account.sub(), hasher.hash(password));
            // Whoever knew the old password is signed out with the change, in the same transaction.
            handle.attach(RefreshTokenDao.class).revokeAllOf(account.sub(), Revocation.PASSWORD_RESET);
            postConfirmation.run(account);
        });
        return Map.of();
    }
}
