package dev.cruddur.cli.db;

import dev.cruddur.ops.CommandFailure;
import dev.cruddur.database.SeedData;
import dev.cruddur.server.database.Database;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "reset", mixinStandardHelpOptions = true,
        description = {"Drop the public schema with every user and crud in it, then recreate it from the migrations.",
                "Refuses to run without --yes."},
        footer = {"", "Example:", "  cruddur db reset --yes --seed"})
final class ResetCommand extends DbSubcommand {

    @Option(names = "--yes", description = "Confirm that every row may be deleted.")
    private boolean confirmed;

    @Option(names = "--seed", description = "Load the seed data afterwards.")
    private boolean seed;

    @Override
    void checkArguments() {
        if (!confirmed) {
            throw CommandFailure.usage("This deletes every user and crud in " + databaseName()
                    + ". Run `cruddur db reset --yes` to confirm.");
        }
    }

    @Override
    int run(Database database, PrintWriter out) {
        int applied = database.migrations().reset(database.jdbi());
        out.printf("Reset %s: schema recreated with %d migration(s)%n", databaseName(), applied);
        if (seed) {
            new SeedData(database.jdbi()).apply();
            out.println("Seed data loaded");
        }
        return 0;
    }
}
