package dev.cruddur.cli;

import dev.cruddur.cli.logging.CruddurLogging;

/** Entry point of the {@code cruddur} jar. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        // First, before any logger exists: Jetty's DEBUG would write request headers and bodies.
        WireLogging.capJetty();
        // Our provider (text or JSON lines, LOG_FORMAT), named so SLF4J does not choose between
        // it and slf4j-simple's own, which is on the class path too (it writes the text lines).
        System.setProperty("slf4j.provider", CruddurLogging.class.getName());
        // ...without SLF4J saying so on every start (it would be the one line of the log that is not JSON).
        System.setProperty("slf4j.internal.verbosity", "WARN");
        System.exit(CruddurCommand.commandLine(System.getenv()).execute(args));
    }
}
