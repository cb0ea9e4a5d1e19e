package dev.cruddur.error;

/** The thing asked for does not exist, or no longer does (an expired crud). */
public final class NotFoundException extends RuntimeException {

    private final String code;

    public NotFoundException(String code, String message) {
        super(message);
        this.code = code;
    }

    /** e.g. {@code activity_not_found}, {@code user_not_found}. */
    public String code() {
        return code;
    }
}
