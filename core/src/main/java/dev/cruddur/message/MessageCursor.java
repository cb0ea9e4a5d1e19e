package dev.cruddur.message;

import dev.cruddur.error.ValidationException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A position in a conversation, newest first: the number of the last message a client saw. The
 * next page is the messages with smaller numbers. Numbers, not times: a conversation's numbers
 * are its commit order (see MessageDao/send.sql), times are only read from a clock. Clients treat
 * the encoded form as opaque, as they do a feed's cursor.
 */
public record MessageCursor(long beforeSeq) {

    /** Before every message. */
    public static final MessageCursor START = new MessageCursor(Long.MAX_VALUE);

    private static final String VERSION = "m1";

    public String encode() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((VERSION + ":" + beforeSeq).getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * @param encoded null or empty: the first page
     * @throws ValidationException {@code cursor_invalid} for anything this class did not produce
     */
    public static MessageCursor parse(String encoded) {
        if (encoded == null || encoded.isEmpty()) {
            return START;
        }
        try {
            String raw = new String(Base64.getUrlDecoder().decode(encoded), StandardCharsets.US_ASCII);
            String[] parts = raw.split(":", -1);
            if (parts.length == 2 && VERSION.equals(parts[0]) && parts[1].matches("[0-9]{1,19}")) {
                long seq = Long.parseLong(parts[1]);
                if (seq >= 1) {
                    return new MessageCursor(seq);
                }
            }
        } catch (IllegalArgumentException e) {
            // not Base64, or a number beyond a long: as invalid as any other
        }
        throw new ValidationException("cursor_invalid", "cursor",
                "The cursor is not one this server handed out; start again from the first page.");
    }

    public boolean isStart() {
        return beforeSeq == Long.MAX_VALUE;
    }
}
