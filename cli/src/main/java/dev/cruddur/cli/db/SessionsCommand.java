package dev.cruddur.cli.db;

import dev.cruddur.database.DatabaseSession;
import dev.cruddur.database.InspectionDao;
import dev.cruddur.server.database.Database;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import picocli.CommandLine.Command;

@Command(name = "sessions", mixinStandardHelpOptions = true,
        description = {"List the database server's client sessions (pg_stat_activity):",
                "who is connected, from where, with which application, doing what."},
        footer = {"", "Example:", "  cruddur db sessions"})
final class SessionsCommand extends DbSubcommand {

    private static final String ROW = "%-8s %-12s %-14s %-16s %-22s %-20s %s%n";

    @Override
    int run(Database database, PrintWriter out) {
        List<DatabaseSession> sessions = database.jdbi().withExtension(InspectionDao.class, InspectionDao::sessions);
        out.printf(ROW, "PID", "USER", "DATABASE", "CLIENT", "APPLICATION", "STATE", "CONNECTED SINCE");
        for (DatabaseSession s : sessions) {
            out.printf(ROW, s.pid(), text(s.user()), text(s.database()), text(s.clientAddress()),
                    text(s.applicationName()), text(s.state()), text(s.backendStart()));
        }
        out.printf("%d session(s)%n", sessions.size());
        return 0;
    }

    private static String text(Object value) {
        if (value instanceof Instant instant) {
            return instant.toString();
        }
        String s = Objects.toString(value, "");
        return s.isEmpty() ? "-" : s;
    }
}
