package dev.cruddur.cli;

/** The command was used in a way that cannot work (e.g. a destructive one without --yes): exit code 2. */
public final class UserMistake extends RuntimeException {

    public UserMistake(String message) {
        super(message);
    }
}
