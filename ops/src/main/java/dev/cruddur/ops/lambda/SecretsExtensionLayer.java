package dev.cruddur.ops.lambda;

import dev.cruddur.ops.CommandFailure;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * The AWS Parameters and Secrets Lambda Extension, which the function reads its database secret
 * through: a layer AWS publishes in each region from an account of that region, so its ARN is
 * looked up here ({@code secrets-extension-layers.properties}), or given with
 * {@code --secrets-extension-layer}.
 */
final class SecretsExtensionLayer {

    /** The layer's name, whatever the region, account and version. */
    static final String NAME = "AWS-Parameters-and-Secrets-Lambda-Extension";

    private static final Properties BY_REGION = load();

    private SecretsExtensionLayer() {
    }

    /** The layer version ARN for {@code region}: {@code given}, else the table's. */
    static String arn(String region, Optional<String> given) {
        if (given.isPresent()) {
            if (!isExtension(given.get())) {
                throw CommandFailure.usage("--secrets-extension-layer " + given.get() + " is not a layer version ARN of the"
                        + " AWS Parameters and Secrets Lambda Extension (arn:aws:lambda:REGION:ACCOUNT:layer:" + NAME + ":VERSION).");
            }
            return given.get();
        }
        String arn = BY_REGION.getProperty(region);
        if (arn == null) {
            throw CommandFailure.usage("No AWS Parameters and Secrets Lambda Extension layer is known here for region " + region
                    + ": give its ARN with --secrets-extension-layer (AWS lists it per region in the Secrets Manager"
                    + " user guide, \"Use AWS Secrets Manager secrets in AWS Lambda functions\").");
        }
        return arn;
    }

    /**
     * The function's layers with the extension in {@code arn}'s version: its other layers kept in
     * their order, any other version of the extension dropped (a function may hold it once).
     */
    static List<String> with(List<String> current, String arn) {
        List<String> layers = new ArrayList<>();
        for (String layer : current) {
            if (!isExtension(layer)) {
                layers.add(layer);
            }
        }
        layers.add(arn);
        return layers;
    }

    /** arn:PARTITION:lambda:REGION:ACCOUNT:layer:AWS-Parameters-and-Secrets-Lambda-Extension[-Arm64]:VERSION */
    static boolean isExtension(String layerVersionArn) {
        String[] parts = layerVersionArn.split(":");
        return parts.length == 8 && parts[0].equals("arn") && parts[2].equals("lambda") && parts[5].equals("layer")
                && parts[6].startsWith(NAME) && parts[7].chars().allMatch(Character::isDigit) && !parts[7].isEmpty();
    }

    private static Properties load() {
        Properties table = new Properties();
        try (InputStream in = SecretsExtensionLayer.class.getResourceAsStream("secrets-extension-layers.properties")) {
            if (in == null) {
                throw new IllegalStateException("secrets-extension-layers.properties is missing from the jar");
            }
            table.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return table;
    }
}
