package dev.cruddur.ops.rds;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.SourceType;

/**
 * What RDS's event log says about an instance's stops and automatic restarts. DescribeEvents does
 * not return the event ID (RDS-EVENT-0087, RDS-EVENT-0154), only its message, so the messages are
 * matched, in their older and newer wordings.
 */
final class RdsEvents {

    /** RDS keeps events this long; DescribeEvents cannot reach further back. */
    static final Duration KEPT = Duration.ofDays(14);

    /** A stopped instance is started again by AWS this long after it stopped. */
    static final Duration AUTO_START_AFTER = Duration.ofDays(7);

    /** RDS-EVENT-0087: "DB instance stopped" / "The DB instance has been stopped." */
    private static final Pattern STOPPED = Pattern.compile("(?i)^(the )?DB instance (has been )?stopped\\.?$");

    /** RDS-EVENT-0154: "DB instance is being started due to it exceeding the maximum allowed time being stopped." */
    private static final Pattern AUTO_STARTED = Pattern.compile("(?i).*exceeding the maximum allowed time being stopped.*");

    /** One event as RDS recorded it. */
    record Event(Instant date, String message) {
    }

    private RdsEvents() {
    }

    /** The instance's events of the last 14 days (every page), oldest first. */
    static List<Event> recent(RdsClient rds, String identifier) {
        return rds.describeEventsPaginator(request -> request.sourceType(SourceType.DB_INSTANCE)
                        .sourceIdentifier(identifier).duration((int) KEPT.toMinutes()))
                .events().stream()
                .map(event -> new Event(event.date(), event.message() == null ? "" : event.message().strip()))
                .filter(event -> event.date() != null)
                .sorted(Comparator.comparing(Event::date))
                .toList();
    }

    static boolean isStop(Event event) {
        return STOPPED.matcher(event.message()).matches();
    }

    static boolean isAutoStart(Event event) {
        return AUTO_STARTED.matcher(event.message()).matches();
    }

    /** When the instance last stopped, if the events still reach back that far. */
    static Optional<Instant> lastStopped(List<Event> events) {
        return events.stream().filter(RdsEvents::isStop).map(Event::date).max(Comparator.naturalOrder());
    }

    /** When AWS last restarted it for having been stopped 7 days, unless it was stopped again since. */
    static Optional<Instant> autoStartedSinceLastStop(List<Event> events) {
        Optional<Instant> stopped = lastStopped(events);
        return events.stream().filter(RdsEvents::isAutoStart).map(Event::date)
                .filter(date -> stopped.isEmpty() || date.isAfter(stopped.get()))
                .max(Comparator.naturalOrder());
    }
}
