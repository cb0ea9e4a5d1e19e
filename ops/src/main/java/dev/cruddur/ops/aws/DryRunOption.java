package dev.cruddur.ops.aws;

import picocli.CommandLine.Option;

/** {@code --dry-run}, on every command that changes something. */
public final class DryRunOption {

    @Option(names = "--dry-run",
            description = "Print each request that would change something, with secrets redacted, and send none of them.")
    boolean dryRun;

    public boolean enabled() {
        return dryRun;
    }
}
