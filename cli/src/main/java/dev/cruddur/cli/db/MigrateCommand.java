package dev.cruddur.cli.db;

import dev.cruddur.server.database.Database;
import dev.cruddur.server.database.Migrations;
import java.io.PrintWriter;
import picocli.CommandLine.Command;

@Command(name = "migrate", mixinStandardHelpOptions = true,
        description = "Apply pending schema migrations (they only ever move forward; nothing is dropped).",
        footer = {"", "Example:", "  DATABASE_URL=postgresql://cruddur@my-db.rds.amazonaws.com:5432/cruddur cruddur db migrate"})
final class MigrateCommand extends DbSubcommand {

    @Override
    int run(Database database, PrintWriter out) {
        Migrations migrations = database.migrations();
        int applied = migrations.migrate();
        out.printf("Applied %d migration(s) to %s; schema version: %s%n", applied, databaseName(),
                migrations.status().currentVersion().orElse("none"));
        return 0;
    }
}
