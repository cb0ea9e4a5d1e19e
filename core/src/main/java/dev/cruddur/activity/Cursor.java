package dev.cruddur.activity;

import dev.cruddur.error.ValidationException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.UUID;

/**
 * A position in a newest-first list: the (created_at, uuid) of the last item a client saw.
 * The next page is everything strictly before it, which an index answers directly (keyset
 * pagination), however deep the client has scrolled. Clients treat the encoded form as opaque.
 */
public record Cursor(Instant createdAt, UUID uuid) {

    /** Before every real row: created_at comes from now(), and no uuid sorts after this one. */
    public static final Cursor START =
            new Cursor(Instant.parse("9999-12-31T23:59:59.999999Z"), new UUID(-1L, -1L));

    private static final String VERSION = "1";

    public static Cursor after(Activity last) {
        return new Cursor(last.listedAt(), last.uuid());
    }

    public String encode() {
        // Not ChronoUnit.MICROS.between: it counts in nanoseconds, which overflow a long after
        // the year 2262, so START itself could not be encoded.
        long micros = Math.addExact(
                Math.multiplyExact(createdAt.getEpochSecond(), 1_000_000L), createdAt.getNano() / 1_000);
        String raw = VERSION + ":" + micros + ":" + uuid;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.US_ASCII));
    }

    /** @throws ValidationException {@code cursor_invalid} for anything this class did not produce */
    public static Cursor decode(String encoded) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(encoded), StandardCharsets.US_ASCII);
            String[] parts = raw.split(":", -1);
            if (parts.length != 3 || !VERSION.equals(parts[0])) {
                throw invalid();
            }
            Instant createdAt = Instant.EPOCH.plus(Long.parseLong(parts[1]), ChronoUnit.MICROS);
            UUID uuid = UUID.fromString(parts[2]);
            if (createdAt.isBefore(Instant.EPOCH) || createdAt.isAfter(START.createdAt)) {
                throw invalid();
            }
            return new Cursor(createdAt, uuid);
        } catch (IllegalArgumentException | ArithmeticException | java.time.DateTimeException e) {
            throw invalid();
        }
    }

    private static ValidationException invalid() {
        return new ValidationException("cursor_invalid", "cursor",
                "The cursor is not one this server handed out; start again from the first page.");
    }
}
