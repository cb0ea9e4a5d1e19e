package dev.cruddur.cli.db;

import dev.cruddur.activity.PurgeExpiredActivities;
import dev.cruddur.activity.PurgeRun;
import dev.cruddur.server.database.Database;
import java.io.PrintWriter;
import picocli.CommandLine.Command;

@Command(name = "purge-expired", mixinStandardHelpOptions = true,
        description = {"Delete cruds (and their replies) and direct messages that have self-destructed,",
                "a thousand rows at a time.",
                "A running `cruddur serve` already does this every minute (CRUDDUR_PURGE_INTERVAL);",
                "this is for a server started with CRUDDUR_PURGE_INTERVAL=off, or to purge now.",
                "If another process is purging the same database, it leaves the work to it."},
        footer = {"", "Example (e.g. hourly from cron):", "  cruddur db purge-expired"})
final class PurgeExpiredCommand extends DbSubcommand {

    @Override
    int run(Database database, PrintWriter out) {
        PurgeRun run = new PurgeExpiredActivities(database.jdbi()).purge();
        if (run.skipped()) {
            out.println("Another process (a running `cruddur serve`?) is purging this database right now; nothing done");
        } else {
            out.printf("Deleted %d expired activit%s%n", run.deleted(), run.deleted() == 1 ? "y" : "ies");
            out.printf("Deleted %d expired message%s%n", run.messagesDeleted(), run.messagesDeleted() == 1 ? "" : "s");
        }
        return 0;
    }
}
