package dev.cruddur.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The log of the servers the tests run (slf4j-simple writes it to {@value #FILE}, see
 * {@code simplelogger.properties}; every line is flushed as it is written). The development
 * identity provider's codes are read from it, exactly as a developer reads them.
 */
public final class ServerLog {

    static final String FILE = "target/server-tests.log";

    private ServerLog() {
    }

    /** The confirmation code most recently logged for this email. */
    public static String confirmationCode(String email) {
        return lastCode("Confirmation code", email);
    }

    /** The password-reset code most recently logged for this email. */
    public static String passwordResetCode(String email) {
        return lastCode("Password reset code", email);
    }

    /** How many lines of the log contain {@code text}. */
    public static long linesContaining(String text) {
        return lines().stream().filter(line -> line.contains(text)).count();
    }

    /** How long the log is now, in bytes: pass it to {@link #textSince} to see exactly what a test added. */
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

    /** How many lines the log has now: pass it to {@link #linesAfter} to see what a test added. */
    public static int lineCount() {
        return lines().size();
    }

    /** The lines written after the first {@code count}. */
    public static List<String> linesAfter(int count) {
        List<String> lines = lines();
        return lines.subList(Math.min(count, lines.size()), lines.size());
    }

    private static String lastCode(String label, String email) {
        Pattern pattern = Pattern.compile(Pattern.quote(label + " for " + email + ": ") + "(\\d{6})$");
        String code = null;
        for (String line : lines()) {
            Matcher matcher = pattern.matcher(line);
            if (matcher.find()) {
                code = matcher.group(1);
            }
        }
        if (code == null) {
            throw new AssertionError("no '" + label + "' for " + email + " in " + FILE);
        }
        return code;
    }

    private static List<String> lines() {
        try {
            return Files.readAllLines(Path.of(FILE), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
