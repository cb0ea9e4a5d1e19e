package dev.cruddur.error;

/** The signed-in person may not do this to that (delete someone else's crud); nothing was changed. */
public final class ForbiddenException extends RuntimeException {

    private final String code;

    public ForbiddenException(String code, String message) {
        super(message);
        this.code = code;
    }

    /** e.g. {@code not_your_activity}. */
    public String code() {
        return code;
    }
}
