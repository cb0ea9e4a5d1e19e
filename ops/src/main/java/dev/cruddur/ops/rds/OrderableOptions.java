package dev.cruddur.ops.rds;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.AvailabilityZone;
import software.amazon.awssdk.services.rds.model.OrderableDBInstanceOption;

/**
 * What RDS lets go together for one instance class in a VPC: engine version, storage type, zone
 * and storage size (DescribeOrderableDBInstanceOptions). Checked before anything is created, so
 * an impossible combination is one clear line rather than a half-made deployment.
 */
final class OrderableOptions {

    /** One orderable combination. */
    record Option(String engineVersion, String storageType, List<String> zones, Integer minStorage, Integer maxStorage) {
    }

    private final String instanceClass;
    private final List<Option> options;

    private OrderableOptions(String instanceClass, List<Option> options) {
        this.instanceClass = instanceClass;
        this.options = options;
    }

    /** Every option of {@code engine} on {@code instanceClass} in a VPC, across every page. */
    static OrderableOptions of(RdsClient rds, String engine, String instanceClass) {
        List<Option> options = rds.describeOrderableDBInstanceOptionsPaginator(request -> request.engine(engine)
                        .dbInstanceClass(instanceClass).vpc(true))
                .orderableDBInstanceOptions().stream()
                .map(OrderableOptions::option)
                .toList();
        return new OrderableOptions(instanceClass, options);
    }

    private static Option option(OrderableDBInstanceOption option) {
        return new Option(option.engineVersion(), option.storageType(),
                option.availabilityZones().stream().map(AvailabilityZone::name).toList(),
                option.minStorageSize(), option.maxStorageSize());
    }

    /**
     * Why RDS would refuse this combination, in words that say what would work; empty when it fits.
     * {@code region} only names the region in the message.
     */
    Optional<String> refusal(String version, String storageType, Optional<String> zone, int allocatedStorage, String region) {
        List<Option> forVersion = options.stream().filter(o -> version.equals(o.engineVersion())).toList();
        if (forVersion.isEmpty()) {
            List<String> versions = options.stream().map(Option::engineVersion).distinct()
                    .sorted(EngineVersion::compareVersions).toList();
            return Optional.of("RDS offers no " + instanceClass + " for PostgreSQL " + version + " in " + region
                    + (versions.isEmpty() ? " at all (choose --instance-class)"
                            : "; it offers " + instanceClass + " for " + String.join(", ", versions)
                                    + " (choose --engine-version or --instance-class)"));
        }
        String offered = instanceClass + " with PostgreSQL " + version;
        List<Option> forStorage = forVersion.stream().filter(o -> storageType.equalsIgnoreCase(o.storageType())).toList();
        if (forStorage.isEmpty()) {
            return Optional.of("RDS offers " + offered + " on " + joined(forVersion.stream().map(Option::storageType).toList())
                    + " storage, not " + storageType + " (choose --storage-type)");
        }
        offered += " on " + storageType;
        List<Option> inZone = zone.map(z -> forStorage.stream().filter(o -> o.zones().contains(z)).toList()).orElse(forStorage);
        if (inZone.isEmpty()) {
            return Optional.of("RDS offers " + offered + " storage in "
                    + joined(forStorage.stream().flatMap(o -> o.zones().stream()).toList()) + ", not in " + zone.get()
                    + " (choose --availability-zone, or leave it out and RDS chooses; `cruddur rds azs` lists the zones)");
        }
        Option fit = inZone.get(0);
        for (Option option : inZone) {
            if (fits(option, allocatedStorage)) {
                return Optional.empty();
            }
        }
        return Optional.of("--allocated-storage " + allocatedStorage + " GiB is outside the " + fit.minStorage() + " to "
                + fit.maxStorage() + " GiB RDS allows for " + offered);
    }

    private static boolean fits(Option option, int gib) {
        return (option.minStorage() == null || gib >= option.minStorage())
                && (option.maxStorage() == null || gib <= option.maxStorage());
    }

    /** Distinct, sorted, comma-separated. */
    private static String joined(Collection<String> values) {
        return values.stream().distinct().sorted().collect(Collectors.joining(", "));
    }
}
