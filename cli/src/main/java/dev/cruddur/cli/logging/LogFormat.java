package dev.cruddur.cli.logging;

import java.util.Locale;
import java.util.Map;

/** How {@code cruddur} writes its log: {@code LOG_FORMAT}, {@code text} (the default) or {@code json}. */
public enum LogFormat {
    /** One readable line per message, as slf4j-simple writes it. */
    TEXT,
    /** One JSON object per line ({@link JsonLogger}), for a log service to index. */
    JSON;

    public static final String VARIABLE = "LOG_FORMAT";

    /** @throws IllegalArgumentException naming the variable and its two values */
    public static LogFormat fromEnvironment(Map<String, String> env) {
        String value = env.get(VARIABLE);
        if (value == null || value.isBlank()) {
            return TEXT;
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "text" -> TEXT;
            case "json" -> JSON;
            default -> throw new IllegalArgumentException(VARIABLE + " must be text or json, not '" + value.strip() + "'");
        };
    }
}
