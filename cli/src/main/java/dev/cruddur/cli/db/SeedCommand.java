package dev.cruddur.cli.db;

import dev.cruddur.ops.CommandFailure;
import dev.cruddur.database.SeedData;
import dev.cruddur.server.database.Database;
import java.io.PrintWriter;
import picocli.CommandLine.Command;

@Command(name = "seed", mixinStandardHelpOptions = true,
        description = {"Load the seed data: users andrewbrown and andrewbayko and one crud.",
                "Safe to run again: nothing is duplicated."},
        footer = {"", "Example:", "  cruddur db seed"})
final class SeedCommand extends DbSubcommand {

    @Override
    int run(Database database, PrintWriter out) {
        if (database.migrations().status().pending() > 0) {
            throw CommandFailure.usage("The schema of " + databaseName() + " is not up to date; run `cruddur db migrate` first.");
        }
        new SeedData(database.jdbi()).apply();
        out.printf("Seed data is in %s%n", databaseName());
        return 0;
    }
}
