package dev.cruddur.cli;

/** Entry point of the {@code cruddur} jar. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        // First, before any logger exists: Jetty's DEBUG would write request headers and bodies.
        WireLogging.capJetty();
        System.exit(CruddurCommand.commandLine(System.getenv()).execute(args));
    }
}
