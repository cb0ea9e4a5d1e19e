package dev.cruddur.cli.db;

import dev.cruddur.cli.CruddurCommand;
import dev.cruddur.cli.DatabaseOptions;
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

    @Override
    public final Integer call() {
        checkArguments();
        try (Database database = databaseOptions.open(root().environment(), "cruddur-cli")) {
            return run(database, spec.commandLine().getOut());
        }
    }

    /** Refuse bad arguments before touching (or starting) the database. */
    void checkArguments() {
    }

    abstract int run(Database database, PrintWriter out);

    String databaseName() {
        return databaseOptions.describe(root().environment());
    }

    private CruddurCommand root() {
        return (CruddurCommand) spec.root().userObject();
    }
}
