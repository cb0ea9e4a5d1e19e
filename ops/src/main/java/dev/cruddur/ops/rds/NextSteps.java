package dev.cruddur.ops.rds;

import dev.cruddur.ops.cost.Ipv4Price;
import dev.cruddur.ops.output.Printer;
import software.amazon.awssdk.services.rds.model.DBInstance;

/**
 * What to do once the instance is available. The DATABASE_URL recipe reads the password out of
 * Secrets Manager inside the operator's own shell, so it is never printed, by us or by it.
 */
final class NextSteps {

    private NextSteps() {
    }

    static void print(Printer printer, DBInstance instance) {
        String id = instance.dbInstanceIdentifier();
        String flag = DbInstanceOption.flagFor(id);
        String host = instance.endpoint() == null ? "HOST" : instance.endpoint().address();
        int port = instance.endpoint() == null || instance.endpoint().port() == null ? 5432 : instance.endpoint().port();
        String secret = instance.masterUserSecret() == null ? "SECRET_ARN" : instance.masterUserSecret().secretArn();
        String db = instance.dbName() == null ? "cruddur" : instance.dbName();
        printer.say("");
        printer.say("Next steps:");
        int step = 1;
        if (!Boolean.TRUE.equals(instance.publiclyAccessible())) {
            printer.say("  " + step++ + ". The instance is private. To connect from outside its VPC, give it a public address"
                    + " (" + Ipv4Price.PER_HOUR + "/hour while it runs): cruddur rds public-access on" + flag);
        }
        printer.say("  " + step++ + ". Let your own IP address (and only it) reach port " + port + ": cruddur network allow-my-ip" + flag);
        printer.say("  " + step++ + ". Build DATABASE_URL from the secret without showing the password (needs the aws CLI and jq):");
        printer.say("       SECRET=\"$(aws secretsmanager get-secret-value --secret-id '" + secret
                + "' --query SecretString --output text)\"");
        printer.say("       export DATABASE_URL=\"postgresql://$(jq -r '.username|@uri' <<<\"$SECRET\"):$(jq -r '.password|@uri' <<<\"$SECRET\")@"
                + host + ":" + port + "/" + db + "?sslmode=require\"");
        printer.say("  " + step + ". Create the schema: cruddur db migrate");
    }
}
