package dev.cruddur.localcognito;

import dev.cruddur.error.ValidationException;
import dev.cruddur.text.ControlCharacters;
import dev.cruddur.user.UserAttributes;
import dev.cruddur.user.UserRegistration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code SignUp}, {@code ConfirmSignUp} and {@code ResendConfirmationCode}. The two Cognito
 * triggers run here through the very calls the Lambda handlers make: Pre Sign-up is
 * {@link UserRegistration#checkSignUp} before the account exists, Post Confirmation
 * ({@link PostConfirmation}) runs in the transaction that confirms the account, so a
 * registration that fails (a handle taken meanwhile) leaves the account unconfirmed.
 */
final class SignUpFlow {

    /** The attributes Cruddur's pool has; Cognito refuses attributes outside the pool's schema. */
    private static final Set<String> ATTRIBUTES = Set.of("email", "name", "preferred_username");
    /** Cognito's limit on the {@code Username} member. */
    private static final int MAX_USERNAME_CHARS = 128;
    /** How long a pending sign-up holds its handle: its first code's lifetime, whatever is resent. */
    private static final long HOLD_SECONDS = CodePurpose.CONFIRMATION.lifetime().toSeconds();
    private static final Logger log = LoggerFactory.getLogger(SignUpFlow.class);

    record SignUpResult(boolean userConfirmed, String userSub, CodeDelivery codeDeliveryDetails) {
    }

    private final Jdbi jdbi;
    private final UserRegistration registration;
    private final PostConfirmation postConfirmation;
    private final PasswordPolicy policy;
    private final PasswordHasher hasher;
    private final OneTimeCodes codes;
    private final Throttles throttles;
    private final CodeGuesses guesses;

    SignUpFlow(Jdbi jdbi, UserRegistration registration, PostConfirmation postConfirmation, PasswordPolicy policy,
               PasswordHasher hasher, OneTimeCodes codes, Throttles throttles) {
        this.throttles = throttles;
        this.jdbi = jdbi;
        this.registration = registration;
        this.postConfirmation = postConfirmation;
        this.policy = policy;
        this.hasher = hasher;
        this.codes = codes;
        this.guesses = new CodeGuesses(jdbi, codes, Throttles.ATTEMPTS, Throttles.WINDOW);
    }

    SignUpResult signUp(AmzRequest request) {
        String email = emailUsername(request.username());
        String password = request.text("Password");
        policy.check(password, "password");
        Map<String, String> attributes = request.attributes("UserAttributes");
        for (String name : attributes.keySet()) {
            if (!ATTRIBUTES.contains(name)) {
                throw CognitoError.invalidParameter("Attributes did not conform to the schema: " + safeName(name)
                        + ": Attribute does not exist in the schema.");
            }
        }
        for (Map.Entry<String, String> attribute : attributes.entrySet()) {
            String value = attribute.getValue();
            boolean acts = value != null && ("name".equals(attribute.getKey())
                    ? ControlCharacters.inName(value) : ControlCharacters.in(value));
            if (acts) {
                throw CognitoError.invalidParameter("The attribute " + attribute.getKey()
                        + " contains a control or format character.");
            }
        }
        String emailAttribute = attributes.get("email");
        if (emailAttribute != null && !emailAttribute.strip().equalsIgnoreCase(email)) {
            throw CognitoError.invalidParameter("The email attribute must be the Username: this pool signs people in with their email.");
        }
        String name = attributes.get("name");
        String handle = attributes.get("preferred_username");
        // Counted once the request is well-formed: from then on each one costs the database.
        return throttles.signUp(request.client(), () -> AttemptKey.ofEmail(jdbi, email),
                () -> createAccount(email, password, name, handle));
    }

    private SignUpResult createAccount(String email, String password, String name, String handle) {
        // Sign-ups nobody confirmed in time give their email and handle back first.
        int purged = jdbi.withExtension(AccountDao.class, dao -> dao.purgeExpiredSignUps(HOLD_SECONDS));
        if (purged > 0) {
            log.info("Deleted {} sign-up(s) nobody confirmed before their code expired", purged);
        }
        if (jdbi.withExtension(AccountDao.class, dao -> dao.findByEmail(email)).isPresent()) {
            throw usernameExists();
        }
        try {
            registration.checkSignUp(new UserAttributes(null, email, name, handle));
        } catch (ValidationException e) {
            throw CognitoError.triggerFailed("PreSignUp", e.getMessage());
        }
        // Closes, here, a gap the Lambda cannot: Cognito keeps its pending sign-ups to itself.
        if (jdbi.withExtension(AccountDao.class, dao -> dao.isHandlePending(handle.strip(), HOLD_SECONDS))) {
            throw CognitoError.triggerFailed("PreSignUp", "The username '" + handle.strip() + "' is taken; choose another one.");
        }

        UUID sub = UUID.randomUUID();
        OneTimeCodes.Issued code = codes.issue(sub, CodePurpose.CONFIRMATION);
        String passwordHash = hasher.hash(password);
        int inserted = jdbi.withExtension(AccountDao.class, dao -> dao.insert(sub, email, blankToNull(name),
                handle == null ? null : handle.strip(), passwordHash, code.hash(), code.expiresAt()));
        if (inserted == 0) {
            throw usernameExists(); // someone signed up with this email at the same moment
        }
        codes.deliver(code, email, CodePurpose.CONFIRMATION);
        return new SignUpResult(false, sub.toString(), CodeDelivery.email(email));
    }

    Map<String, Object> confirmSignUp(AmzRequest request) {
        String username = request.username();
        String code = request.required("ConfirmationCode");
        guesses.check(username, CodePurpose.CONFIRMATION, code, account -> {
            if (account.confirmed()) {
                throw CognitoError.notAuthorized("User cannot be confirmed. Current status is CONFIRMED");
            }
        }, (handle, account) -> {
            handle.attach(AccountDao.class).confirm(account.sub());
            postConfirmation.run(account);
        });
        return Map.of();
    }

    CodeDeliveryResult resendConfirmationCode(AmzRequest request) {
        String username = request.username();
        return throttles.codeRequest(request.client(), () -> AttemptKey.of(jdbi, username),
                () -> sendConfirmationCode(username));
    }

    private CodeDeliveryResult sendConfirmationCode(String username) {
        Account account = jdbi.withExtension(AccountDao.class, dao -> dao.findByEmail(username))
                .orElseThrow(CognitoError::userNotFound);
        if (account.confirmed()) {
            throw CognitoError.invalidParameter("User is already confirmed.");
        }
        OneTimeCodes.Issued code = codes.issue(account.sub(), CodePurpose.CONFIRMATION);
        if (jdbi.withExtension(AccountDao.class, dao -> dao.replaceConfirmationCode(account.sub(), code.hash(),
                code.expiresAt())) == 0) {
            throw CognitoError.userNotFound(); // deleted as an expired sign-up a moment ago
        }
        codes.deliver(code, account.email(), CodePurpose.CONFIRMATION);
        return new CodeDeliveryResult(CodeDelivery.email(account.email()));
    }

    /** In Cruddur's pool the Username is an email address. */
    private static String emailUsername(String username) {
        String email = username.strip();
        if (email.length() > MAX_USERNAME_CHARS) {
            throw CognitoError.invalidParameter("1 validation error detected: Value at 'username' failed to satisfy"
                    + " constraint: Member must have length less than or equal to " + MAX_USERNAME_CHARS);
        }
        int at = email.indexOf('@');
        if (at < 1 || at != email.lastIndexOf('@') || at == email.length() - 1 || email.chars().anyMatch(Character::isWhitespace)) {
            throw CognitoError.invalidParameter("Username should be an email.");
        }
        return email;
    }

    private static CognitoError usernameExists() {
        return CognitoError.of("UsernameExistsException", "An account with the given email already exists.");
    }

    /** Attribute names are echoed only when they look like one, never arbitrary input. */
    private static String safeName(String name) {
        return name.matches("[A-Za-z0-9_:]{1,64}") ? name : "(unnamed)";
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
