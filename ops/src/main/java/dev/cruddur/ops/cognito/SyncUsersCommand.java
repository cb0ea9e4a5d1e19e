package dev.cruddur.ops.cognito;

import com.zaxxer.hikari.HikariDataSource;
import dev.cruddur.database.ConnectionPool;
import dev.cruddur.database.DatabaseUrl;
import dev.cruddur.database.Jdbis;
import dev.cruddur.error.ValidationException;
import dev.cruddur.ops.Environment;
import dev.cruddur.ops.CommandFailure;
import dev.cruddur.ops.aws.AwsClients;
import dev.cruddur.ops.aws.AwsCommand;
import dev.cruddur.ops.aws.DryRunOption;
import dev.cruddur.ops.output.OutputFormat;
import dev.cruddur.ops.output.Printer;
import dev.cruddur.user.Registration;
import dev.cruddur.user.UserAttributes;
import dev.cruddur.user.UserRegistration;
import dev.cruddur.user.Users;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jdbi.v3.core.Jdbi;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserType;

@Command(name = "sync-users", mixinStandardHelpOptions = true,
        description = {"Register in the database every confirmed user of the pool it lacks: the repair for a Post "
                + "confirmation trigger that failed. Goes through the same registration as the trigger (handle rules, "
                + "one row per Cognito sub).",
                "Reads the pool's CONFIRMED users (ListUsers, every page); disabled users are skipped (they cannot "
                        + "sign in; the server registers them on their first signed-in request once re-enabled).",
                "The database is DATABASE_URL (else CONNECTION_URL) from the environment. Exit code 1 when "
                        + "someone could not be added."},
        footer = {"", "Example:",
                "  DATABASE_URL=postgresql://cruddur@db.example.com:5432/cruddur \\",
                "      cruddur cognito sync-users --user-pool-id us-east-1_AbCdEf123 --dry-run"})
final class SyncUsersCommand extends AwsCommand {

    /** ListUsers' filter syntax: {@code attribute = "value"}; cognito:user_status is the console's "Confirmation status". */
    static final String CONFIRMED = "cognito:user_status = \"CONFIRMED\"";

    @Option(names = "--user-pool-id", required = true, paramLabel = "ID", description = "The user pool, e.g. us-east-1_AbCdEf123.")
    String userPoolId;

    @Mixin
    DryRunOption dryRun;

    private DatabaseUrl databaseUrl;

    /** One person the command did (or would do) something about. */
    record Outcome(String handle, String email, String sub, String result) {
    }

    /** The whole answer, for {@code --output json}. */
    record Report(String userPoolId, int confirmedUsers, int alreadyRegistered, List<Outcome> added,
                  List<Outcome> failed, List<Outcome> skipped) {
    }

    @Override
    protected void checkArguments() {
        Map<String, String> env = Environment.of(spec);
        try {
            databaseUrl = DatabaseUrl.fromEnvironment(env).orElseThrow(() -> CommandFailure.usage(
                    "Set DATABASE_URL (or CONNECTION_URL) in the environment to the database to repair, "
                            + "e.g. postgresql://user:password@host:5432/cruddur."));
        } catch (IllegalArgumentException e) {
            throw CommandFailure.usage(e.getMessage());
        }
    }

    @Override
    protected int run(AwsClients clients, Printer printer) {
        try (HikariDataSource dataSource = open()) {
            Jdbi jdbi = Jdbis.create(dataSource);
            Users users = new Users(jdbi);
            UserRegistration registration = new UserRegistration(jdbi);

            int confirmed = 0;
            int present = 0;
            List<Outcome> added = new ArrayList<>();
            List<Outcome> failed = new ArrayList<>();
            List<Outcome> skipped = new ArrayList<>();
            for (UserType user : clients.cognitoIdentityProvider()
                    .listUsersPaginator(r -> r.userPoolId(userPoolId).filter(CONFIRMED)).users()) {
                confirmed++;
                Map<String, String> attributes = attributes(user);
                UserAttributes person = UserAttributes.fromCognito(attributes);
                if (Boolean.FALSE.equals(user.enabled())) {
                    skipped.add(outcome(person, "skipped: disabled in Cognito"));
                } else if (person.sub() == null) {
                    failed.add(outcome(person, "failed: Cognito returned no sub for " + user.username()));
                } else if (dryRun.enabled()) {
                    if (users.byCognitoUserId(person.sub().strip()).isPresent()) {
                        present++;
                    } else {
                        added.add(outcome(person, "would be added (dry run)"));
                    }
                } else {
                    // register() looks the sub up first: someone registered already (before, or by the
                    // trigger or the server meanwhile) comes back with created = false.
                    try {
                        Registration result = registration.register(person);
                        if (result.created()) {
                            added.add(outcome(person, "added"));
                        } else {
                            present++;
                        }
                    } catch (ValidationException e) {
                        failed.add(outcome(person, "failed: " + e.getMessage()));
                    }
                }
            }
            print(printer, new Report(userPoolId, confirmed, present, added, failed, skipped));
            return failed.isEmpty() ? 0 : 1;
        }
    }

    private void print(Printer printer, Report report) {
        if (printer.format() == OutputFormat.JSON) {
            printer.record(report);
            return;
        }
        List<Outcome> rows = new ArrayList<>(report.added());
        rows.addAll(report.failed());
        rows.addAll(report.skipped());
        if (!rows.isEmpty()) {
            printer.rows(rows, Outcome.class);
            printer.say("");
        }
        printer.say(report.confirmedUsers() + " confirmed users in " + report.userPoolId() + ": "
                + report.added().size() + (dryRun.enabled() ? " would be added" : " added") + ", "
                + report.alreadyRegistered() + " already in the database, "
                + report.failed().size() + " could not be added, " + report.skipped().size() + " skipped.");
        if (!report.failed().isEmpty()) {
            printer.say("Fix the person's attributes in Cognito (aws cognito-idp admin-update-user-attributes), "
                    + "then run this again.");
        }
    }

    private HikariDataSource open() {
        try {
            // One statement at a time.
            return ConnectionPool.open(databaseUrl, "cruddur-sync-users", 2);
        } catch (RuntimeException e) {
            Throwable cause = e;
            while (cause.getCause() != null) {
                cause = cause.getCause();
            }
            // The driver's messages name host and port, never the password.
            throw CommandFailure.failed("Could not connect to the database " + databaseUrl + ": " + cause.getMessage(), e);
        }
    }

    private static Map<String, String> attributes(UserType user) {
        Map<String, String> attributes = new LinkedHashMap<>();
        for (AttributeType attribute : user.attributes()) {
            attributes.put(attribute.name(), attribute.value());
        }
        return attributes;
    }

    private static Outcome outcome(UserAttributes person, String result) {
        return new Outcome(Objects.requireNonNullElse(person.preferredUsername(), "-"),
                Objects.requireNonNullElse(person.email(), "-"), Objects.requireNonNullElse(person.sub(), "-"), result);
    }
}
