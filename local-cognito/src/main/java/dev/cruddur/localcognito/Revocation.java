package dev.cruddur.localcognito;

/**
 * Why a refresh token (and with it its sign-in's access tokens) stopped working; stored by name
 * in {@code local_identity_refresh_tokens.revoked_because}.
 */
enum Revocation {
    /** {@code RevokeToken}: the person signed out of one browser or device. */
    REVOKE_TOKEN,
    /** {@code GlobalSignOut}: the person signed out everywhere. */
    GLOBAL_SIGN_OUT,
    /** {@code ConfirmForgotPassword}: whoever knew the old password must not stay signed in. */
    PASSWORD_RESET,
    /** A new signing key: the operator rotated the key, for instance because the old one leaked. */
    KEY_ROTATION
}
