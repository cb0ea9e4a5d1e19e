package dev.cruddur.localcognito;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * {@code InitiateAuth} with {@code USER_PASSWORD_AUTH} and {@code REFRESH_TOKEN_AUTH}, and
 * {@code GetUser}. A wrong password and an unknown email get the same answer, in the same time.
 * A refresh token whose sign-in has ended, and the access tokens of that sign-in, are refused.
 */
final class SignInFlow {

    record AuthenticationResult(String accessToken, long expiresIn, String tokenType, String idToken, String refreshToken) {
        @Override
        public String toString() {
            return "AuthenticationResult[expiresIn=" + expiresIn + "]";
        }
    }

    record InitiateAuthResult(AuthenticationResult authenticationResult, Map<String, String> challengeParameters) {
    }

    record AttributeType(String name, String value) {
    }

    record GetUserResult(String username, List<AttributeType> userAttributes) {
    }

    private final Jdbi jdbi;
    private final LocalIssuer issuer;
    private final TokenIssuer tokens;
    private final RefreshTokens refreshTokens;
    private final SignedInTokens signedInTokens;
    private final PasswordHasher hasher;
    private final Throttles throttles;
    private final Clock clock;

    SignInFlow(Jdbi jdbi, LocalIssuer issuer, TokenIssuer tokens, RefreshTokens refreshTokens,
               SignedInTokens signedInTokens, PasswordHasher hasher, Throttles throttles, Clock clock) {
        this.throttles = throttles;
        this.jdbi = jdbi;
        this.issuer = issuer;
        this.tokens = tokens;
        this.refreshTokens = refreshTokens;
        this.signedInTokens = signedInTokens;
        this.hasher = hasher;
        this.clock = clock;
    }

    InitiateAuthResult initiateAuth(AmzRequest request) {
        String flow = request.required("AuthFlow");
        Map<String, String> parameters = request.stringMap("AuthParameters");
        return switch (flow) {
            case "USER_PASSWORD_AUTH" -> signIn(AmzRequest.username(parameter(parameters, "USERNAME")),
                    parameter(parameters, "PASSWORD"));
            // Cognito accepts both names for the refresh flow.
            case "REFRESH_TOKEN_AUTH", "REFRESH_TOKEN" -> refresh(parameter(parameters, "REFRESH_TOKEN"));
            default -> throw CognitoError.invalidParameter("The development identity provider supports the auth flows"
                    + " USER_PASSWORD_AUTH and REFRESH_TOKEN_AUTH only.");
        };
    }

    private InitiateAuthResult signIn(String username, String password) {
        // Counted per account, whichever spelling of its email was typed, before the password is
        // checked; an email without an account is counted the same way: the throttle reveals no account.
        AttemptKey key = AttemptKey.of(jdbi, username);
        AttemptThrottle passwordAttempts = throttles.passwords(key);
        switch (passwordAttempts.tryAttempt(key.value())) {
            case USED_UP -> throw CognitoError.passwordAttemptsExceeded();
            case BUSY -> throw CognitoError.busy();
            case STARTED -> { }
        }
        Account account;
        try {
            account = checkPassword(username, password);
        } catch (CognitoError wrongPassword) {
            passwordAttempts.failed(key.value());
            throw wrongPassword;
        } catch (RuntimeException | Error noVerdict) {
            passwordAttempts.giveBack(key.value());
            throw noVerdict;
        }
        passwordAttempts.succeeded(key.value());
        if (!account.confirmed()) {
            throw CognitoError.of("UserNotConfirmedException", "User is not confirmed.");
        }
        TokenIssuer.Session session = new TokenIssuer.Session(clock.instant(), UUID.randomUUID());
        TokenIssuer.Tokens issued = issue(account, session);
        String refreshToken = refreshTokens.create(account, session);
        return result(issued, refreshToken);
    }

    /** The account whose password this is; {@code NotAuthorizedException} for any other password or email. */
    private Account checkPassword(String username, String password) {
        Optional<Account> found = jdbi.withExtension(AccountDao.class, dao -> dao.findByEmail(username));
        if (found.isEmpty()) {
            hasher.matchNothing(password);
            throw CognitoError.incorrectCredentials();
        }
        if (!hasher.matches(password, found.get().passwordHash())) {
            throw CognitoError.incorrectCredentials();
        }
        return found.get();
    }

    private InitiateAuthResult refresh(String refreshToken) {
        RefreshTokenDao.StoredRefreshToken stored = refreshTokens.use(refreshToken);
        Account account = jdbi.withExtension(AccountDao.class, dao -> dao.findBySub(stored.sub()))
                .filter(Account::confirmed)
                .orElseThrow(() -> CognitoError.notAuthorized("Invalid Refresh Token"));
        TokenIssuer.Tokens issued = issue(account, new TokenIssuer.Session(stored.authTime(), stored.originJti()));
        return result(issued, null);
    }

    GetUserResult getUser(AmzRequest request) {
        UUID sub = signedInTokens.subOf(request.required("AccessToken"));
        Account account = jdbi.withExtension(AccountDao.class, dao -> dao.findBySub(sub))
                .orElseThrow(() -> CognitoError.of("UserNotFoundException", "User does not exist."));
        List<AttributeType> attributes = new ArrayList<>();
        attributes.add(new AttributeType("sub", account.sub().toString()));
        attributes.add(new AttributeType("email_verified", Boolean.toString(account.confirmed())));
        if (account.name() != null) {
            attributes.add(new AttributeType("name", account.name()));
        }
        if (account.preferredUsername() != null) {
            attributes.add(new AttributeType("preferred_username", account.preferredUsername()));
        }
        attributes.add(new AttributeType("email", account.email()));
        return new GetUserResult(account.sub().toString(), attributes);
    }

    private TokenIssuer.Tokens issue(Account account, TokenIssuer.Session session) {
        return tokens.issue(issuer.issuer(), LocalCognito.CLIENT_ID, account, session);
    }

    private InitiateAuthResult result(TokenIssuer.Tokens issued, String refreshToken) {
        return new InitiateAuthResult(new AuthenticationResult(issued.accessToken(),
                tokens.lifetime().toSeconds(), "Bearer", issued.idToken(), refreshToken), Map.of());
    }

    /** Cognito's wording for a missing auth parameter. */
    private static String parameter(Map<String, String> parameters, String name) {
        String value = parameters.get(name);
        if (value == null || value.isEmpty()) {
            throw CognitoError.invalidParameter("Missing required parameter " + name);
        }
        return value;
    }
}
