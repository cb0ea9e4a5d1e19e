package dev.cruddur.ops.lambda;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cruddur.ops.CommandFailure;
import dev.cruddur.ops.aws.Changes;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.PutRolePolicyRequest;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretResponse;

/**
 * What the function's execution role needs to read its database secret at run time, and no more:
 * {@code secretsmanager:GetSecretValue} on that one secret, and {@code kms:Decrypt} with its key
 * only when the key is not Secrets Manager's own ({@code aws/secretsmanager}, which needs no
 * grant) and only through Secrets Manager. Kept as an inline policy of the role named after the
 * function, so two functions sharing a role keep their own grants.
 *
 * @param secretArn the secret's full ARN (with its random suffix), as DescribeSecret gives it
 * @param kmsKey    the customer managed key: its ARN, or an alias ARN; empty for aws/secretsmanager
 * @param region    the secret's region, for the key's ARN and {@code kms:ViaService}
 */
record SecretReadPolicy(String secretArn, Optional<String> kmsKey, String region) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String AWS_MANAGED_KEY_ALIAS = "alias/aws/secretsmanager";

    /** Reads the secret's ARN and key (DescribeSecret: no value is read). */
    static SecretReadPolicy of(SecretsManagerClient secrets, String secretId) {
        DescribeSecretResponse secret = secrets.describeSecret(r -> r.secretId(secretId));
        String arn = secret.arn();
        String[] parts = arn.split(":", 7);
        if (parts.length < 7 || !parts[2].equals("secretsmanager")) {
            throw CommandFailure.failed("Secrets Manager described " + secretId + " with an unexpected ARN: " + arn);
        }
        String partition = parts[1];
        String region = parts[3];
        String account = parts[4];
        return new SecretReadPolicy(arn, customerKey(secret.kmsKeyId(), partition, region, account), region);
    }

    /** The key as an ARN an IAM policy can name; empty for Secrets Manager's own key. */
    private static Optional<String> customerKey(String kmsKeyId, String partition, String region, String account) {
        if (kmsKeyId == null || kmsKeyId.isBlank() || kmsKeyId.equals(AWS_MANAGED_KEY_ALIAS)
                || kmsKeyId.endsWith(":" + AWS_MANAGED_KEY_ALIAS)) {
            return Optional.empty();
        }
        if (kmsKeyId.startsWith("arn:")) {
            return Optional.of(kmsKeyId);
        }
        String resource = kmsKeyId.startsWith("alias/") ? kmsKeyId : "key/" + kmsKeyId;
        return Optional.of("arn:" + partition + ":kms:" + region + ":" + account + ":" + resource);
    }

    /** The inline policy's name on the role: one per function. */
    static String name(String functionName) {
        return functionName + "-database-secret";
    }

    /** The policy document IAM gets. */
    String document() {
        ObjectNode policy = JSON.createObjectNode().put("Version", "2012-10-17");
        ArrayNode statements = policy.putArray("Statement");
        statements.addObject()
                .put("Sid", "ReadTheDatabaseSecret")
                .put("Effect", "Allow")
                .put("Action", "secretsmanager:GetSecretValue")
                .put("Resource", secretArn);
        kmsKey.ifPresent(key -> {
            ObjectNode decrypt = statements.addObject()
                    .put("Sid", "DecryptTheDatabaseSecret")
                    .put("Effect", "Allow")
                    .put("Action", "kms:Decrypt");
            ObjectNode condition = decrypt.putObject("Condition");
            condition.putObject("StringEquals").put("kms:ViaService", "secretsmanager." + region + "." + dnsSuffix());
            if (key.contains(":alias/")) {
                // an IAM policy cannot name a key by its alias; the alias is a condition on any key instead
                decrypt.put("Resource", key.substring(0, key.indexOf(":alias/")) + ":key/*");
                condition.putObject("ForAnyValue:StringEquals").put("kms:ResourceAliases", key.substring(key.indexOf("alias/")));
            } else {
                decrypt.put("Resource", key);
            }
        });
        return policy.toString();
    }

    /** What the role may do, for people. */
    String summary() {
        return "secretsmanager:GetSecretValue on " + secretArn + kmsKey.map(key -> ", kms:Decrypt on " + key
                + " (through Secrets Manager only)").orElse("");
    }

    /**
     * Puts the policy on the role, unless it is there already as it must be.
     *
     * @return {@code granted}, {@code already granted} or {@code would grant (dry run)}
     */
    String grant(IamClient iam, Changes changes, String roleName, String functionName) {
        String policyName = name(functionName);
        if (current(iam, roleName, policyName).filter(this::sameAs).isPresent()) {
            return "already granted";
        }
        return changes.send(PutRolePolicyRequest.builder().roleName(roleName).policyName(policyName)
                        .policyDocument(document()).build(), iam::putRolePolicy)
                .map(sent -> "granted")
                .orElse("would grant (dry run)");
    }

    private static Optional<String> current(IamClient iam, String roleName, String policyName) {
        try {
            // IAM returns the document URL-encoded
            return Optional.of(URLDecoder.decode(iam.getRolePolicy(r -> r.roleName(roleName).policyName(policyName))
                    .policyDocument(), StandardCharsets.UTF_8));
        } catch (NoSuchEntityException e) {
            return Optional.empty();
        }
    }

    private boolean sameAs(String document) {
        try {
            return JSON.readTree(document).equals(JSON.readTree(document()));
        } catch (IOException e) {
            return false;
        }
    }

    private String dnsSuffix() {
        return region.startsWith("cn-") ? "amazonaws.com.cn" : "amazonaws.com";
    }

    /** The role's name in its ARN ({@code arn:aws:iam::ACCOUNT:role/PATH/NAME}). */
    static String roleName(String roleArn) {
        return roleArn.substring(roleArn.lastIndexOf('/') + 1);
    }
}
