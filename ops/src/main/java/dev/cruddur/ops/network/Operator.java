package dev.cruddur.ops.network;

import dev.cruddur.ops.CommandFailure;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * Who runs {@code allow-my-ip}, as named in the description of their rule, so that each operator
 * has a rule of their own and one operator's new address never evicts another's.
 */
final class Operator {

    /** What an EC2 rule description may hold besides letters and digits (EC2's own rule for VPC groups). */
    private static final String ALLOWED = " ._-:/#,@[]+=&;{}!$*";

    /** Long enough for an e-mail address as an SSO session name; the description stays under EC2's 255. */
    private static final int MAX_NAME = 64;

    private Operator() {
    }

    /** The description of {@code name}'s rule: {@code cruddur: operator access (alice@example.com)}. */
    static String description(String name) {
        return ManagedRules.UNNAMED + " (" + clean(name) + ")";
    }

    /** {@code --operator} when given, else the signed-in identity's name (STS GetCallerIdentity needs no permission). */
    static String resolve(String option, StsClient sts) {
        if (option != null) {
            if (option.isBlank()) {
                throw CommandFailure.usage("--operator needs a name (it labels your rule in the security group)");
            }
            return clean(option.strip());
        }
        return clean(nameOf(sts.getCallerIdentity().arn()));
    }

    /**
     * The person behind a caller ARN: the user of {@code user/path/alice}, the session of
     * {@code assumed-role/Role/alice@example.com} (an SSO sign-in names the person there), the
     * user of {@code federated-user/bob}, or {@code root}.
     */
    static String nameOf(String arn) {
        int slash = arn.lastIndexOf('/');
        return slash >= 0 ? arn.substring(slash + 1) : arn.substring(arn.lastIndexOf(':') + 1);
    }

    /** Only what EC2 accepts in a description, and no parenthesis, which would blur where the name ends. */
    private static String clean(String name) {
        StringBuilder text = new StringBuilder();
        name.codePoints().limit(MAX_NAME).forEach(c -> text.append(
                c < 128 && (Character.isLetterOrDigit(c) || ALLOWED.indexOf(c) >= 0) ? (char) c : '_'));
        return text.toString();
    }
}
