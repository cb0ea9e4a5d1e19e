package dev.cruddur.ops.rds;

import java.util.List;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.VpcSecurityGroupMembership;

/** One instance as {@code rds create} and friends print it. Never holds the password: only where it is kept. */
public record InstanceView(
        String identifier,
        String state,
        String endpoint,
        boolean publiclyAccessible,
        String instanceClass,
        String engineVersion,
        String availabilityZone,
        String dbName,
        String masterUsername,
        String masterUserSecretArn,
        List<String> securityGroups) {

    static InstanceView of(DBInstance instance) {
        return new InstanceView(
                instance.dbInstanceIdentifier(),
                instance.dbInstanceStatus(),
                endpoint(instance),
                Boolean.TRUE.equals(instance.publiclyAccessible()),
                instance.dbInstanceClass(),
                instance.engine() + " " + instance.engineVersion(),
                instance.availabilityZone(),
                instance.dbName(),
                instance.masterUsername(),
                instance.masterUserSecret() == null ? null : instance.masterUserSecret().secretArn(),
                instance.vpcSecurityGroups().stream().map(VpcSecurityGroupMembership::vpcSecurityGroupId).toList());
    }

    /** host:port, or null while RDS has not given the instance an address yet. */
    public static String endpoint(DBInstance instance) {
        if (instance.endpoint() == null || instance.endpoint().address() == null) {
            return null;
        }
        return instance.endpoint().address() + ":" + instance.endpoint().port();
    }
}
