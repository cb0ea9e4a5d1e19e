package dev.cruddur.activity;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** How long a crud lives before it self-destructs: the seven choices the original app offered. */
public enum Ttl {
    THIRTY_DAYS("30-days", Duration.ofDays(30)),
    SEVEN_DAYS("7-days", Duration.ofDays(7)),
    THREE_DAYS("3-days", Duration.ofDays(3)),
    ONE_DAY("1-day", Duration.ofDays(1)),
    TWELVE_HOURS("12-hours", Duration.ofHours(12)),
    THREE_HOURS("3-hours", Duration.ofHours(3)),
    ONE_HOUR("1-hour", Duration.ofHours(1));

    private final String code;
    private final Duration duration;

    Ttl(String code, Duration duration) {
        this.code = code;
        this.duration = duration;
    }

    public String code() {
        return code;
    }

    public Duration duration() {
        return duration;
    }

    public static Optional<Ttl> fromCode(String code) {
        return Arrays.stream(values()).filter(ttl -> ttl.code.equals(code)).findFirst();
    }

    public static List<String> codes() {
        return Arrays.stream(values()).map(Ttl::code).toList();
    }
}
