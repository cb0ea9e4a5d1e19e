package dev.cruddur.localcognito;

import java.nio.charset.StandardCharsets;

/**
 * Cognito's default password policy: at least 8 characters, with an upper-case letter, a
 * lower-case letter, a digit and a symbol. Like Cognito it names the first rule broken.
 */
final class PasswordPolicy {

    static final int MIN_LENGTH = 8;
    /** Cognito's own limit on the {@code Password} member. */
    static final int MAX_LENGTH = 256;
    /** BCrypt reads at most 72 bytes; a longer password would be cut silently, so it is refused. */
    static final int MAX_BCRYPT_BYTES = 72;
    // The characters Cognito counts as symbols (a space counts too, but not at either end).
    private static final String SYMBOLS = "^$*.[]{}()?\"!@#%&/\\,><':;|_~`=+- ";

    /**
     * @param member the request member, for Cognito-style messages ({@code password})
     * @throws CognitoError {@code InvalidParameterException} for what Cognito's API model refuses
     *                      (missing, too long, spaces at either end), {@code InvalidPasswordException}
     *                      for a password that breaks the policy
     */
    void check(String password, String member) {
        if (password == null || password.isEmpty()) {
            throw CognitoError.missing(member);
        }
        if (password.length() > MAX_LENGTH) {
            throw CognitoError.invalidParameter("1 validation error detected: Value at '" + member
                    + "' failed to satisfy constraint: Member must have length less than or equal to " + MAX_LENGTH);
        }
        if (Character.isWhitespace(password.charAt(0)) || Character.isWhitespace(password.charAt(password.length() - 1))) {
            throw CognitoError.invalidParameter("1 validation error detected: Value at '" + member
                    + "' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[\\S]+.*[\\S]+$");
        }
        if (password.codePointCount(0, password.length()) < MIN_LENGTH) {
            throw broken("Password not long enough");
        }
        if (password.chars().noneMatch(Character::isUpperCase)) {
            throw broken("Password must have uppercase characters");
        }
        if (password.chars().noneMatch(Character::isLowerCase)) {
            throw broken("Password must have lowercase characters");
        }
        if (password.chars().noneMatch(c -> c >= '0' && c <= '9')) {
            throw broken("Password must have numeric characters");
        }
        if (password.chars().noneMatch(c -> SYMBOLS.indexOf(c) >= 0)) {
            throw broken("Password must have symbol characters");
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BCRYPT_BYTES) {
            // Not a Cognito rule: the development provider's hash cannot tell longer passwords apart.
            throw broken("Password must be at most " + MAX_BCRYPT_BYTES + " bytes long in the development identity provider");
        }
    }

    private static CognitoError broken(String rule) {
        return CognitoError.of("InvalidPasswordException", "Password did not conform with policy: " + rule);
    }
}
