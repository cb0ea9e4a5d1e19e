package dev.cruddur.database;

/**
 * A position in PostgreSQL's write-ahead log ({@code pg_lsn}, written {@code 16/B374D848}), as
 * a number, so that two positions compare: a replica that has replayed to {@code a} shows every
 * transaction whose commit ended at or before {@code a}.
 */
record Lsn(long value) implements Comparable<Lsn> {

    static Lsn parse(String text) {
        int slash = text.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("not a WAL position: " + text);
        }
        return new Lsn((Long.parseLong(text.substring(0, slash), 16) << 32) | Long.parseLong(text.substring(slash + 1), 16));
    }

    boolean isAtLeast(Lsn other) {
        return compareTo(other) >= 0;
    }

    @Override
    public int compareTo(Lsn other) {
        return Long.compareUnsigned(value, other.value);
    }

    @Override
    public String toString() {
        return Long.toHexString(value >>> 32).toUpperCase() + "/" + Long.toHexString(value & 0xffffffffL).toUpperCase();
    }
}
