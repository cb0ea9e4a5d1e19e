package dev.cruddur.server.auth;

/**
 * Whether a verified access token's sign-in has been ended since it was issued (signed out,
 * password reset, key rotated). A JWT cannot say so itself: it stays genuine until it expires.
 * The development identity provider knows its own revocations and answers this from its
 * database. In Cognito mode nothing is asked ({@link #NONE}): Cognito's revocations are known to
 * Cognito's own APIs only, so a revoked access token is accepted until it expires, as API
 * Gateway and AppSync accept it.
 */
@FunctionalInterface
public interface RevokedSignIns {

    /** Trusts every verified token until it expires. */
    RevokedSignIns NONE = token -> false;

    boolean isRevoked(VerifiedToken token);
}
