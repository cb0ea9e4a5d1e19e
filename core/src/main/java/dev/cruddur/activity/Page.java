package dev.cruddur.activity;

import java.util.List;
import java.util.Optional;

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
        if (rows.size() <= request.limit()) {
            return new Page<>(rows, Optional.empty());
        }
        List<Activity> items = rows.subList(0, request.limit());
        return new Page<>(items, Optional.of(Cursor.after(items.get(items.size() - 1))));
    }
}
