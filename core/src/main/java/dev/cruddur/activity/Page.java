package dev.cruddur.activity;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** One page of a newest-first list, and where the next one starts (empty on the last page). */
public record Page<T>(List<T> items, Optional<Cursor> next) {

    public Page {
        items = List.copyOf(items);
    }

    /**
     * Builds a page from a query that fetched one row more than asked for: that extra row
     * only proves that a next page exists.
     */
    public static Page<Activity> fromOverfetch(List<Activity> rows, PageRequest request) {
        return fromOverfetch(rows, request, Cursor::after);
    }

    /** As {@link #fromOverfetch(List, PageRequest)}, for rows whose place in the list {@code keyOf} says. */
    public static <T> Page<T> fromOverfetch(List<T> rows, PageRequest request, Function<T, Cursor> keyOf) {
        if (rows.size() <= request.limit()) {
            return new Page<>(rows, Optional.empty());
        }
        List<T> items = rows.subList(0, request.limit());
        return new Page<>(items, Optional.of(keyOf.apply(items.get(items.size() - 1))));
    }
}
