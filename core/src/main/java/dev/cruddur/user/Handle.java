package dev.cruddur.user;

import java.util.regex.Pattern;

/** The rules for handles: 1–30 characters of A–Z, a–z, 0–9 and _, unique ignoring case. */
public final class Handle {

    private static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9_]{1,30}");

    private Handle() {
    }

    public static boolean isWellFormed(String handle) {
        return handle != null && FORMAT.matcher(handle).matches();
    }
}
