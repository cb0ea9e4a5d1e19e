package dev.cruddur.ops.rds;

import java.util.Comparator;
import java.util.Optional;

/** One engine version the region offers, e.g. postgres 16.3. */
record EngineVersion(String engine, String version, String parameterGroupFamily, String description) {

    /** Numeric order: 16.10 comes after 16.9. */
    static final Comparator<EngineVersion> OLDEST_FIRST = Comparator.comparing(EngineVersion::version, EngineVersion::compareVersions);

    /** Whether this is a release of {@code major} (16.3 is a release of "16"). */
    boolean isMajor(String major) {
        return version.equals(major) || version.startsWith(major + ".");
    }

    static Optional<EngineVersion> newestOf(java.util.Collection<EngineVersion> versions, String major) {
        return versions.stream().filter(v -> v.isMajor(major)).max(OLDEST_FIRST);
    }

    static int compareVersions(String left, String right) {
        String[] a = left.split("[.-]");
        String[] b = right.split("[.-]");
        for (int i = 0; i < Math.max(a.length, b.length); i++) {
            String x = i < a.length ? a[i] : "";
            String y = i < b.length ? b[i] : "";
            int order = x.matches("\\d+") && y.matches("\\d+")
                    ? Long.compare(Long.parseLong(x), Long.parseLong(y))
                    : x.compareTo(y);
            if (order != 0) {
                return order;
            }
        }
        return 0;
    }
}
