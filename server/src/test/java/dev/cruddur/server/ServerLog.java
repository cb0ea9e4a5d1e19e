package dev.cruddur.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The log of the servers the tests run (slf4j-simple writes it to {@value #FILE}, see
 * {@code simplelogger.properties}; every line is flushed as it is written), for the tests
 * of what reaches it.
 */
public final class ServerLog {

    static final String FILE = "target/server-tests.log";

    private ServerLog() {
    }

    /** How many lines of the log contain {@code text}. */
    public static long linesContaining(String text) {
        return linesSince(0).stream().filter(line -> line.contains(text)).count();
    }

    /** How long the log is now, in bytes: pass it to {@link #textSince} or {@link #linesSince} to see what a test added. */
    public static long size() {
        try {
            return Files.size(Path.of(FILE));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Everything written since the log was {@code offset} bytes long, exactly as written: not
     * split into lines, so a carriage return or any other control character is there to be seen.
     */
    public static String textSince(long offset) {
        try {
            byte[] all = Files.readAllBytes(Path.of(FILE));
            int from = (int) Math.min(offset, all.length);
            return new String(all, from, all.length - from, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The lines written since the log was {@code offset} bytes long. */
    public static List<String> linesSince(long offset) {
        return textSince(offset).lines().toList();
    }
}
