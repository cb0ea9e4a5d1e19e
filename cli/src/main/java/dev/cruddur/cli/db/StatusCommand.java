package dev.cruddur.cli.db;

import dev.cruddur.database.InspectionDao;
import dev.cruddur.database.RowCounts;
import dev.cruddur.server.database.Database;
import dev.cruddur.server.database.Migrations;
import java.io.PrintWriter;
import java.util.Optional;
import picocli.CommandLine.Command;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show the schema version, pending migrations and row counts.",
        footer = {"", "Example:", "  cruddur db status"})
final class StatusCommand extends DbSubcommand {

    @Override
    int run(Database database, PrintWriter out) {
        Migrations.Status schema = database.migrations().status();
        Optional<String> version = schema.currentVersion();
        int pending = schema.pending();
        out.printf("Database:           %s%n", databaseName());
        out.printf("Schema version:     %s%n", version.orElse("none (empty database)"));
        out.printf("Pending migrations: %d%s%n", pending, pending > 0 ? " (run `cruddur db migrate`)" : "");
        if (version.isPresent()) {
            RowCounts counts = database.jdbi().withExtension(InspectionDao.class, InspectionDao::rowCounts);
            out.printf("Users:              %d%n", counts.users());
            out.printf("Activities:         %d (%d visible, %d expired)%n",
                    counts.activities(), counts.visibleActivities(), counts.expiredActivities());
        }
        return 0;
    }
}
