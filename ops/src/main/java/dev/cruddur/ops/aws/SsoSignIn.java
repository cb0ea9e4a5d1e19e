package dev.cruddur.ops.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.profiles.Profile;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.profiles.ProfileFileSystemSetting;
import software.amazon.awssdk.profiles.ProfileProperty;
import software.amazon.awssdk.utils.UserHomeDirectoryUtils;

/**
 * How a profile signs in through IAM Identity Center (SSO), read from the config file the SDK
 * reads, so that a failed sign-in can be explained with the one command that fixes it. The SDK
 * itself signs in: it exchanges the token {@code aws sso login} cached in
 * {@code ~/.aws/sso/cache} for role credentials (and refreshes an {@code sso_session} token with
 * its refresh token); its own messages name neither the profile nor the command to run.
 *
 * @param profile   the profile's name
 * @param session   the {@code [sso-session NAME]} it uses; empty for a legacy profile with its own {@code sso_start_url}
 * @param tokenFile where {@code aws sso login} caches the token: the SHA-1 of the session's name,
 *                  or of the start URL for a legacy profile
 */
record SsoSignIn(String profile, Optional<String> session, Path tokenFile) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** How the SDK's chained providers report a service's refusal: only the message survives. */
    private static final Pattern SSO_REFUSAL = Pattern.compile("([^:\\[\\]]*?) \\(Service: Sso(?:Oidc)?, Status Code: (\\d{3})");

    /** The profile the SDK signs in with: {@code --profile}, else AWS_PROFILE, else {@code default}; empty if it is no SSO profile. */
    static Optional<SsoSignIn> forProfile(Optional<String> flag) {
        String name = flag.or(() -> ProfileFileSystemSetting.AWS_PROFILE.getStringValue()).orElse("default");
        ProfileFile file;
        try {
            file = ProfileFile.defaultProfileFile();
        } catch (RuntimeException unreadable) {
            // the SDK failed on the same file and says so itself
            return Optional.empty();
        }
        return file.profile(name).flatMap(profile -> of(profile, file));
    }

    private static Optional<SsoSignIn> of(Profile profile, ProfileFile file) {
        Path cache = Path.of(UserHomeDirectoryUtils.userHomeDirectory(), ".aws", "sso", "cache");
        Optional<String> session = profile.property("sso_session");
        if (session.isPresent()) {
            return Optional.of(new SsoSignIn(profile.name(), session, cache.resolve(sha1(session.get()) + ".json")));
        }
        return profile.property(ProfileProperty.SSO_START_URL)
                .map(startUrl -> new SsoSignIn(profile.name(), Optional.empty(), cache.resolve(sha1(startUrl) + ".json")));
    }

    /**
     * The explanation of {@code failure} when it is this sign-in that failed: no cached token,
     * an expired one, or one the SSO portal refused. Empty when the sign-in is not the problem
     * (another service's error, a token that looks fine and no refusal in sight).
     */
    Optional<String> explain(SdkException failure, Clock clock) {
        if (failure instanceof AwsServiceException service && !isSso(service)) {
            return Optional.empty();
        }
        Optional<Instant> expiresAt;
        try {
            expiresAt = cachedTokenExpiry();
        } catch (NoSuchFileException e) {
            return Optional.of("The AWS profile '" + profile + "' signs in with IAM Identity Center (SSO) and has not signed in"
                    + " on this machine (no token in ~/.aws/sso/cache): " + login());
        }
        if (expiresAt.isPresent() && !expiresAt.get().isAfter(clock.instant())) {
            return Optional.of("The IAM Identity Center (SSO) sign-in of the AWS profile '" + profile + "' expired at "
                    + expiresAt.get() + ": " + login());
        }
        return refusal(failure).map(refusal -> switch (refusal.status()) {
            case 401, 403 -> "IAM Identity Center (SSO) refused the sign-in of the AWS profile '" + profile + "' (HTTP "
                    + refusal.status() + ": " + refusal.message() + "): " + login();
            case 404 -> "IAM Identity Center (SSO) has no such role for the AWS profile '" + profile + "' (HTTP 404: "
                    + refusal.message() + "): check its sso_account_id and sso_role_name in ~/.aws/config (the role must be"
                    + " assigned to you in IAM Identity Center).";
            default -> "IAM Identity Center (SSO) answered HTTP " + refusal.status() + " for the AWS profile '" + profile
                    + "': " + refusal.message() + " (wait a minute and run it again; if it persists, " + login() + ")";
        });
    }

    /** The command that signs in again: for an sso-session profile, the session's login serves every profile using it. */
    private String login() {
        String byProfile = "`aws sso login --profile " + profile + "`";
        return "run " + session.map(s -> "`aws sso login --sso-session " + s + "` (or " + byProfile + ")").orElse(byProfile)
                + ", then this command again.";
    }

    /** When the cached token expires; empty when the file says nothing readable about it. */
    private Optional<Instant> cachedTokenExpiry() throws NoSuchFileException {
        JsonNode token;
        try {
            token = JSON.readTree(Files.readString(tokenFile, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            throw e;
        } catch (IOException e) {
            return Optional.empty();
        }
        String expiresAt = token == null ? "" : token.path("expiresAt").asText("");
        try {
            // the AWS CLI v1 wrote "2019-11-14T04:05:45UTC"; v2 and the SDKs write ISO-8601
            return Optional.of(Instant.parse(expiresAt.replaceFirst("UTC$", "Z")));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private record Refusal(int status, String message) {
    }

    /** The SSO portal's or SSO OIDC's refusal, as an exception among the causes or inside the credential chain's message. */
    private static Optional<Refusal> refusal(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof AwsServiceException service && isSso(service)) {
                String message = service.awsErrorDetails() == null || service.awsErrorDetails().errorMessage() == null
                        ? service.getClass().getSimpleName() : service.awsErrorDetails().errorMessage();
                return Optional.of(new Refusal(service.statusCode(), message));
            }
            Matcher chained = SSO_REFUSAL.matcher(String.valueOf(t.getMessage()));
            if (chained.find()) {
                return Optional.of(new Refusal(Integer.parseInt(chained.group(2)), chained.group(1).strip()));
            }
        }
        return Optional.empty();
    }

    private static boolean isSso(AwsServiceException service) {
        String name = service.awsErrorDetails() == null ? null : service.awsErrorDetails().serviceName();
        return "Sso".equals(name) || "SsoOidc".equals(name);
    }

    private static String sha1(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-1", e);
        }
    }
}
