package dev.cruddur.bench;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.postgresql.copy.CopyIn;

/**
 * Rows in PostgreSQL's COPY text format, sent in large chunks: one round trip per megabyte
 * instead of one per row is what makes a million rows a matter of seconds.
 */
final class CopyStream implements AutoCloseable {

    private static final int CHUNK_CHARS = 1 << 20;

    private final CopyIn copy;
    private final StringBuilder buffer = new StringBuilder(CHUNK_CHARS + 4096);
    private boolean firstColumn = true;
    private long rows;

    CopyStream(CopyIn copy) {
        this.copy = copy;
    }

    CopyStream text(String value) {
        separate();
        if (value == null) {
            buffer.append("\\N");
            return this;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> buffer.append("\\\\");
                case '\t' -> buffer.append("\\t");
                case '\n' -> buffer.append("\\n");
                case '\r' -> buffer.append("\\r");
                default -> buffer.append(c);
            }
        }
        return this;
    }

    CopyStream uuid(UUID value) {
        separate();
        buffer.append(value == null ? "\\N" : value.toString());
        return this;
    }

    CopyStream integer(long value) {
        separate();
        buffer.append(value);
        return this;
    }

    /** A timestamptz from microseconds since the epoch, in UTC. */
    CopyStream timestamp(long epochMicros) {
        separate();
        LocalDateTime time = LocalDateTime.ofEpochSecond(Math.floorDiv(epochMicros, 1_000_000L),
                (int) Math.floorMod(epochMicros, 1_000_000L) * 1_000, ZoneOffset.UTC);
        buffer.append(time.getYear()).append('-');
        twoDigits(time.getMonthValue()).append('-');
        twoDigits(time.getDayOfMonth()).append(' ');
        twoDigits(time.getHour()).append(':');
        twoDigits(time.getMinute()).append(':');
        twoDigits(time.getSecond()).append('.');
        String micros = Integer.toString(time.getNano() / 1_000);
        buffer.append("000000", 0, 6 - micros.length()).append(micros).append("+00");
        return this;
    }

    void endRow() throws SQLException {
        buffer.append('\n');
        firstColumn = true;
        rows++;
        if (buffer.length() >= CHUNK_CHARS) {
            flush();
        }
    }

    /** Sends what is buffered and ends the COPY. @return rows the server took */
    long finish() throws SQLException {
        flush();
        long copied = copy.endCopy();
        if (copied != rows) {
            throw new IllegalStateException("COPY took " + copied + " rows of " + rows);
        }
        return copied;
    }

    @Override
    public void close() throws SQLException {
        if (copy.isActive()) {
            copy.cancelCopy();
        }
    }

    private void separate() {
        if (!firstColumn) {
            buffer.append('\t');
        }
        firstColumn = false;
    }

    private StringBuilder twoDigits(int value) {
        return buffer.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
    }

    private void flush() throws SQLException {
        if (buffer.length() > 0) {
            byte[] bytes = buffer.toString().getBytes(StandardCharsets.UTF_8);
            copy.writeToCopy(bytes, 0, bytes.length);
            buffer.setLength(0);
        }
    }
}
