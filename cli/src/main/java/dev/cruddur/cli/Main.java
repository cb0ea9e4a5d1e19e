package dev.cruddur.cli;

/** Entry point of the {@code cruddur} jar. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(CruddurCommand.commandLine(System.getenv()).execute(args));
    }
}
