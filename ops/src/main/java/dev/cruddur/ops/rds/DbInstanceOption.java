package dev.cruddur.ops.rds;

import picocli.CommandLine.Option;

/** {@code --db-instance-identifier}, on every {@code rds} and {@code network} command. */
public final class DbInstanceOption {

    /** The seed's instance name. */
    public static final String DEFAULT = "cruddur-db-instance";

    @Option(names = "--db-instance-identifier", paramLabel = "ID", defaultValue = DEFAULT,
            description = "The RDS instance (default: ${DEFAULT-VALUE}).")
    String identifier;

    public String identifier() {
        return identifier;
    }

    /**
     * The flag to repeat in a command suggested to the operator for the instance {@code identifier}:
     * {@code " --db-instance-identifier ID"}, or nothing for the default instance.
     */
    public static String flagFor(String identifier) {
        return DEFAULT.equals(identifier) ? "" : " --db-instance-identifier " + identifier;
    }
}
