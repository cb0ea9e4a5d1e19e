package dev.cruddur.ops.aws;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Turns an SDK failure into the one line an operator reads: which service, AWS's error code and
 * message, and what to do about it. AWS's messages name resources and actions, never secrets.
 */
public final class AwsErrors {

    private static final Set<String> PERMISSION = Set.of(
            "AccessDenied", "AccessDeniedException", "UnauthorizedOperation", "AuthorizationError",
            "UnauthorizedException", "NotAuthorized");
    private static final Set<String> CREDENTIALS = Set.of(
            "InvalidClientTokenId", "UnrecognizedClientException", "SignatureDoesNotMatch", "AuthFailure",
            "ExpiredToken", "ExpiredTokenException", "InvalidSignatureException", "IncompleteSignature");
    private static final Set<String> THROTTLING = Set.of(
            "Throttling", "ThrottlingException", "RequestLimitExceeded", "TooManyRequestsException");

    /** What ProfileCredentialsProvider says when the named profile is missing or holds no keys. */
    private static final Pattern NO_PROFILE = Pattern.compile("(?:Profile file contained no credentials for profile|"
            + "No profile named|profile file contained no credentials for profile) '?([^':\\s]+)'?");

    private AwsErrors() {
    }

    /** The one-line explanation of {@code failure}. */
    public static String describe(SdkException failure) {
        if (failure instanceof AwsServiceException service) {
            AwsErrorDetails details = service.awsErrorDetails();
            String name = details == null || details.serviceName() == null ? "AWS" : details.serviceName();
            String code = details == null || details.errorCode() == null ? "HTTP " + service.statusCode() : details.errorCode();
            String message = details == null || details.errorMessage() == null ? "" : details.errorMessage();
            String line = name + " " + code + (message.isBlank() ? "" : ": " + message);
            return adviceFor(code).map(advice -> line + " (" + advice + ")").orElse(line);
        }
        String message = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        if (failure instanceof SdkClientException) {
            if (message.contains("Unable to load credentials")) {
                return "No AWS credentials found (set AWS_PROFILE or --profile, run `aws configure` or `aws sso login`, "
                        + "or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY)";
            }
            Matcher profile = NO_PROFILE.matcher(message);
            if (profile.find()) {
                return "The AWS profile '" + profile.group(1) + "' has no credentials in ~/.aws/config or ~/.aws/credentials"
                        + " (check --profile / AWS_PROFILE, or create it with `aws configure --profile " + profile.group(1) + "`)";
            }
            if (message.contains("Unable to load region")) {
                return "No AWS region set (use --region, AWS_REGION, or a profile with a region)";
            }
            return "Could not reach AWS: " + firstLine(message) + " (check the network, --region and --endpoint-url)";
        }
        return firstLine(message);
    }

    private static java.util.Optional<String> adviceFor(String code) {
        if (PERMISSION.contains(code)) {
            return java.util.Optional.of("the credentials lack the IAM permission for this call; docs/operations.md lists what each command needs");
        }
        if (CREDENTIALS.contains(code)) {
            return java.util.Optional.of("the credentials were refused; check the profile, or log in again");
        }
        if (THROTTLING.contains(code)) {
            return java.util.Optional.of("AWS is throttling the account; wait a minute and run it again");
        }
        return java.util.Optional.empty();
    }

    private static String firstLine(String message) {
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
