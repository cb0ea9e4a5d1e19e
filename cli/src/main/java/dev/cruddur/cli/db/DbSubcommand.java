package dev.cruddur.cli.db;

import dev.cruddur.cli.CruddurCommand;
import dev.cruddur.cli.DatabaseOptions;
import dev.cruddur.server.ServerSettings;
import dev.cruddur.server.database.Database;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** What every {@code db} subcommand shares: finding the database, opening it, printing. */
abstract class DbSubcommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    DatabaseOptions databaseOptions;

    private ServerSettings settings;

    @Override
    public final Integer call() {
        settings = databaseOptions.settings(root().environment());
        checkArguments();
        // A small pool: a command runs one statement at a time.
        try (Database database = Database.open(settings.databaseUrl(), settings.dataDirectory(), "cruddur-cli", 2)) {
            return run(database, spec.commandLine().getOut());
        }
    }

    /** Refuse bad arguments before touching (or starting) the database. */
    void checkArguments() {
    }

    abstract int run(Database database, PrintWriter out);

    /** Names the database for messages, without credentials. */
    String databaseName() {
        return settings.databaseUrl().map(Object::toString)
                .orElse("the embedded PostgreSQL in " + settings.dataDirectory());
    }

    private CruddurCommand root() {
        return (CruddurCommand) spec.root().userObject();
    }
}
