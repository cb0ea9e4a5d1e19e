package dev.cruddur.cli.db;

import dev.cruddur.activity.PurgeExpiredActivities;
import dev.cruddur.server.database.Database;
import java.io.PrintWriter;
import picocli.CommandLine.Command;

@Command(name = "purge-expired", mixinStandardHelpOptions = true,
        description = {"Delete cruds (and their replies) that have self-destructed.",
                "Readers never see them anyway; purging keeps the tables small."},
        footer = {"", "Example (e.g. hourly from cron):", "  cruddur db purge-expired"})
final class PurgeExpiredCommand extends DbSubcommand {

    @Override
    int run(Database database, PrintWriter out) {
        long deleted = new PurgeExpiredActivities(database.jdbi()).purge();
        out.printf("Deleted %d expired activit%s%n", deleted, deleted == 1 ? "y" : "ies");
        return 0;
    }
}
