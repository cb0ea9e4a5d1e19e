package dev.cruddur.activity;

import dev.cruddur.error.ValidationException;

/** Which page of a newest-first list: at most {@code limit} items strictly before {@code cursor}. */
public record PageRequest(int limit, Cursor cursor) {

    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;

    public PageRequest {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new ValidationException("limit_invalid", "limit",
                    "limit must be a whole number from 1 to " + MAX_LIMIT + ".");
        }
        if (cursor == null) {
            cursor = Cursor.START;
        }
    }

    public static PageRequest first() {
        return new PageRequest(DEFAULT_LIMIT, Cursor.START);
    }

    public static PageRequest first(int limit) {
        return new PageRequest(limit, Cursor.START);
    }

    /** Parses the query-string form; {@code null} means "not given". */
    public static PageRequest parse(String limit, String cursor) {
        int parsedLimit = DEFAULT_LIMIT;
        if (limit != null) {
            try {
                parsedLimit = Integer.parseInt(limit.strip());
            } catch (NumberFormatException e) {
                parsedLimit = -1;
            }
        }
        Cursor parsedCursor = cursor == null || cursor.isEmpty() ? Cursor.START : Cursor.decode(cursor);
        return new PageRequest(parsedLimit, parsedCursor);
    }
}
