package dev.cruddur.localcognito;

import java.time.Duration;

/** What a one-time code is for, with Cognito's lifetimes. */
public enum CodePurpose {

    /** Sent on sign-up and on ResendConfirmationCode; Cognito's confirmation codes last 24 hours. */
    CONFIRMATION("Confirmation code", Duration.ofHours(24)),
    /** Sent by ForgotPassword; Cognito's password-reset codes last 1 hour. */
    PASSWORD_RESET("Password reset code", Duration.ofHours(1));

    private final String label;
    private final Duration lifetime;

    CodePurpose(String label, Duration lifetime) {
        this.label = label;
        this.lifetime = lifetime;
    }

    /** What the code is called where it is sent, e.g. {@code Confirmation code for alice@example.com: 123456}. */
    public String label() {
        return label;
    }

    Duration lifetime() {
        return lifetime;
    }
}
