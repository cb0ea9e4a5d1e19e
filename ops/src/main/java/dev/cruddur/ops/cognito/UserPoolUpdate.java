package dev.cruddur.ops.cognito;

import java.util.List;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminCreateUserConfigType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.LambdaConfigType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.PasswordPolicyType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UpdateUserPoolRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolType;

/**
 * The {@code UpdateUserPool} request that changes a pool's Lambda triggers and nothing else.
 *
 * <p>{@code UpdateUserPool} is not a patch: every updatable setting it is not given goes back to
 * its default (the other triggers, the verification messages, the auto-verified attributes, MFA,
 * the email sender, deletion protection...). So every field of the request is filled from what
 * {@code DescribeUserPool} returned, as it was, except {@code LambdaConfig}. {@link #FIELDS} names
 * them all, and a test checks it against the SDK's own list of the request's fields, so an SDK
 * upgrade that adds a setting fails the build until someone decides how to carry it over.
 *
 * <p>What DescribeUserPool returns but UpdateUserPool cannot take is left out because it cannot
 * change here anyway: {@code SchemaAttributes} (attributes are only ever added, by
 * AddCustomAttributes), {@code AliasAttributes}, {@code UsernameAttributes} and
 * {@code UsernameConfiguration} (fixed when the pool is created), and the read-only
 * {@code Status}, {@code CreationDate}, {@code LastModifiedDate}, {@code EstimatedNumberOfUsers},
 * {@code SmsConfigurationFailure}, {@code EmailConfigurationFailure}, {@code Domain},
 * {@code CustomDomain} and {@code Arn}. The MFA factors themselves (TOTP, SMS, email, passkeys)
 * are set by SetUserPoolMfaConfig and are not part of UpdateUserPool.
 */
final class UserPoolUpdate {

    /** Every field of UpdateUserPoolRequest (SDK 2.57.8), each carried over by {@link #of}. */
    static final List<String> FIELDS = List.of(
            "UserPoolId", "Policies", "DeletionProtection", "LambdaConfig", "AutoVerifiedAttributes",
            "SmsVerificationMessage", "EmailVerificationMessage", "EmailVerificationSubject",
            "VerificationMessageTemplate", "SmsAuthenticationMessage", "UserAttributeUpdateSettings",
            "MfaConfiguration", "DeviceConfiguration", "EmailConfiguration", "SmsConfiguration", "UserPoolTags",
            "AdminCreateUserConfig", "UserPoolAddOns", "AccountRecoverySetting", "PoolName", "UserPoolTier",
            "KeyConfiguration", "IssuerConfiguration", "AcrConfiguration");

    private UserPoolUpdate() {
    }

    /** {@code pool}'s settings as they are, with {@code lambdaConfig} as its triggers. */
    static UpdateUserPoolRequest of(UserPoolType pool, LambdaConfigType lambdaConfig) {
        UpdateUserPoolRequest.Builder update = UpdateUserPoolRequest.builder()
                .userPoolId(pool.id())
                // The one change. The caller starts from the pool's LambdaConfig, so the other
                // triggers, the custom sender configs and their KMS key stay.
                .lambdaConfig(lambdaConfig)
                // Optional on UpdateUserPool, but sent so the name can never be touched.
                .poolName(pool.name())
                // Password policy (with TemporaryPasswordValidityDays) and sign-in policy (first factors).
                .policies(pool.policies())
                // Left out, it would switch deletion protection off.
                .deletionProtection(pool.deletionProtectionAsString())
                // The legacy message fields and the template are returned together and agree with
                // each other; both are sent back as they are.
                .smsVerificationMessage(pool.smsVerificationMessage())
                .emailVerificationMessage(pool.emailVerificationMessage())
                .emailVerificationSubject(pool.emailVerificationSubject())
                .verificationMessageTemplate(pool.verificationMessageTemplate())
                .smsAuthenticationMessage(pool.smsAuthenticationMessage())
                // Which attribute changes wait for verification ("keep original attribute value").
                .userAttributeUpdateSettings(pool.userAttributeUpdateSettings())
                // Left out, it would turn MFA OFF. Sent as it is (OFF, ON or OPTIONAL); a pool with
                // MFA on and no SmsConfiguration can be refused by Cognito ("SMS configuration and
                // Auto verification for phone_number are required..."): the command then stops,
                // with nothing changed, and says so. It never retries without MFA.
                .mfaConfiguration(pool.mfaConfigurationAsString())
                // Remembered devices.
                .deviceConfiguration(pool.deviceConfiguration())
                // Left out, the pool would fall back to Cognito's own sender (and its 50 mails a day).
                .emailConfiguration(pool.emailConfiguration())
                // The SNS role for SMS; needed by SMS MFA and phone verification.
                .smsConfiguration(pool.smsConfiguration())
                // Admin-created users and their invitation message; see below.
                .adminCreateUserConfig(adminCreateUserConfig(pool))
                // Threat protection (advanced security) mode.
                .userPoolAddOns(pool.userPoolAddOns())
                // How people recover their account (verified email / phone, and in which order).
                .accountRecoverySetting(pool.accountRecoverySetting())
                // Lite / Essentials / Plus: left out, Cognito could move the pool to its default tier.
                .userPoolTier(pool.userPoolTierAsString())
                // The key the pool's data is encrypted with, the token issuer form, and the ACR
                // levels: newer settings, carried over like the rest.
                .keyConfiguration(pool.keyConfiguration())
                .issuerConfiguration(pool.issuerConfiguration());
        // Absent lists and maps stay absent (an empty list sent would mean "none").
        if (pool.hasAutoVerifiedAttributes()) {
            // Left out, email addresses would no longer be verified on sign-up: nobody could confirm.
            update.autoVerifiedAttributesWithStrings(pool.autoVerifiedAttributesAsStrings());
        }
        if (pool.hasUserPoolTags()) {
            update.userPoolTags(pool.userPoolTags());
        }
        if (pool.hasAcrConfiguration()) {
            update.acrConfiguration(pool.acrConfiguration());
        }
        return update.build();
    }

    /**
     * The pool's AdminCreateUserConfig, without the deprecated {@code UnusedAccountValidityDays}
     * when the password policy carries its successor {@code TemporaryPasswordValidityDays}:
     * DescribeUserPool returns both (with the same value), but UpdateUserPool refuses the pair
     * ("Please use TemporaryPasswordValidityDays in PasswordPolicy instead of
     * UnusedAccountValidityDays"). Old pools without the new field keep the old one.
     */
    static AdminCreateUserConfigType adminCreateUserConfig(UserPoolType pool) {
        AdminCreateUserConfigType config = pool.adminCreateUserConfig();
        if (config == null || config.unusedAccountValidityDays() == null) {
            return config;
        }
        PasswordPolicyType password = pool.policies() == null ? null : pool.policies().passwordPolicy();
        if (password == null || password.temporaryPasswordValidityDays() == null) {
            return config;
        }
        return config.toBuilder().unusedAccountValidityDays(null).build();
    }
}
