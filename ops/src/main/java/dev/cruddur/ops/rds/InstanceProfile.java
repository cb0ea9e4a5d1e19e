package dev.cruddur.ops.rds;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.rds.model.CreateDbInstanceRequest;
import software.amazon.awssdk.services.rds.model.Tag;

/**
 * Everything {@code rds create} asks RDS for. The defaults are the seed's create-db-instance
 * command, with two deliberate changes: the password is made and kept by RDS in Secrets Manager
 * (never typed, never printed) and the instance is private unless asked otherwise.
 */
record InstanceProfile(
        String identifier,
        String instanceClass,
        String engine,
        String engineVersion,
        int allocatedStorage,
        String storageType,
        int port,
        String dbName,
        String masterUsername,
        Optional<String> availabilityZone,
        List<String> vpcSecurityGroupIds,
        Optional<String> dbSubnetGroupName,
        boolean publiclyAccessible,
        int backupRetentionPeriod,
        Map<String, String> tags) {

    /** The one CreateDBInstance request. Every value is sent explicitly, so RDS's own defaults never decide. */
    CreateDbInstanceRequest toRequest() {
        List<Tag> tagList = new ArrayList<>();
        tags.forEach((key, value) -> tagList.add(Tag.builder().key(key).value(value).build()));
        CreateDbInstanceRequest.Builder request = CreateDbInstanceRequest.builder()
                .dbInstanceIdentifier(identifier)
                .dbInstanceClass(instanceClass)
                .engine(engine)
                .engineVersion(engineVersion)
                .allocatedStorage(allocatedStorage)
                .storageType(storageType)
                .port(port)
                .dbName(dbName)
                .masterUsername(masterUsername)
                // RDS generates the password and keeps it in Secrets Manager: we never hold it.
                .manageMasterUserPassword(true)
                .multiAZ(false)
                .publiclyAccessible(publiclyAccessible)
                .storageEncrypted(true)
                .enablePerformanceInsights(false)
                .deletionProtection(false)
                .backupRetentionPeriod(backupRetentionPeriod)
                .copyTagsToSnapshot(true)
                .tags(tagList);
        availabilityZone.ifPresent(request::availabilityZone);
        if (!vpcSecurityGroupIds.isEmpty()) {
            request.vpcSecurityGroupIds(vpcSecurityGroupIds);
        }
        dbSubnetGroupName.ifPresent(request::dbSubnetGroupName);
        return request.build();
    }
}
