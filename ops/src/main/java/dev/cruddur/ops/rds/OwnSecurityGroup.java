package dev.cruddur.ops.rds;

import dev.cruddur.ops.CommandFailure;
import dev.cruddur.ops.aws.Changes;
import dev.cruddur.ops.output.Printer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.CreateSecurityGroupRequest;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBSubnetGroup;

/**
 * The security group {@code rds create} gives an instance when it is given none: one of the
 * instance's own, {@code rds-<identifier>}, in the instance's VPC. Left to RDS, the instance would
 * join the VPC's default group, which every other resource in the VPC may share (its default rule
 * lets members reach each other), so a rule for the operator's address there would open them all.
 * A new group has no ingress rule: nothing reaches the database until a rule says so.
 */
public final class OwnSecurityGroup {

    /** Tag on the group naming the instance it belongs to. */
    static final String DB_INSTANCE_TAG = "cruddur:db-instance";

    /** The group's ID, or, under --dry-run when it would be created, a stand-in that says so. */
    record Group(String id, String name, String vpcId, boolean created) {
    }

    private OwnSecurityGroup() {
    }

    /** {@code rds-cruddur-db-instance}: never starts with "sg-", which EC2 refuses in a group name. */
    static String nameFor(String identifier) {
        return "rds-" + identifier;
    }

    /** Finds the instance's own group, creating and tagging it when missing. */
    static Group ensure(Ec2Client ec2, RdsClient rds, Changes changes, Printer printer, String identifier,
                        Optional<String> dbSubnetGroupName, Map<String, String> extraTags, String region) {
        String vpcId = vpcId(ec2, rds, dbSubnetGroupName, region);
        String name = nameFor(identifier);
        Optional<SecurityGroup> existing = find(ec2, vpcId, name);
        if (existing.isPresent()) {
            printer.say("Using security group " + existing.get().groupId() + " (" + name + ") in " + vpcId + ", " + identifier
                    + "'s own.");
            return new Group(existing.get().groupId(), name, vpcId, false);
        }
        CreateSecurityGroupRequest request = CreateSecurityGroupRequest.builder()
                .groupName(name)
                .description("cruddur: who may reach the database " + identifier)
                .vpcId(vpcId)
                .tagSpecifications(TagSpecification.builder().resourceType(ResourceType.SECURITY_GROUP)
                        .tags(tags(name, identifier, extraTags)).build())
                .build();
        Optional<String> created;
        try {
            created = changes.send(request, ec2::createSecurityGroup).map(response -> response.groupId());
        } catch (Ec2Exception e) {
            if (!"InvalidGroup.Duplicate".equals(e.awsErrorDetails().errorCode())) {
                throw e;
            }
            // Made between our look-up and our request (another run of rds create): it is the same group.
            SecurityGroup theirs = find(ec2, vpcId, name).orElseThrow(() -> e);
            printer.say("Using security group " + theirs.groupId() + " (" + name + ") in " + vpcId + ", created meanwhile.");
            return new Group(theirs.groupId(), name, vpcId, false);
        }
        if (created.isEmpty()) {
            return new Group("(the new group " + name + ")", name, vpcId, true);
        }
        printer.say("Created security group " + created.get() + " (" + name + ") in " + vpcId + " for " + identifier
                + " alone. It lets nothing in yet: `cruddur network allow-my-ip` adds your address.");
        return new Group(created.get(), name, vpcId, true);
    }

    /**
     * The group {@code rds create} made for the instance {@code identifier}, in whichever VPC: named
     * {@code rds-<identifier>} and tagged {@code cruddur:db-instance=<identifier>}. A group of that
     * name without the tag was made by someone else and is never returned, so it is never deleted.
     */
    public static Optional<SecurityGroup> madeFor(Ec2Client ec2, String identifier) {
        return ec2.describeSecurityGroups(request -> request.filters(
                        Filter.builder().name("group-name").values(nameFor(identifier)).build(),
                        Filter.builder().name("tag:" + DB_INSTANCE_TAG).values(identifier).build()))
                .securityGroups().stream()
                .filter(group -> group.tags().stream().anyMatch(tag -> DB_INSTANCE_TAG.equals(tag.key())
                        && identifier.equals(tag.value())))
                .findFirst();
    }

    private static Optional<SecurityGroup> find(Ec2Client ec2, String vpcId, String name) {
        return ec2.describeSecurityGroups(request -> request.filters(
                        Filter.builder().name("vpc-id").values(vpcId).build(),
                        Filter.builder().name("group-name").values(name).build()))
                .securityGroups().stream().findFirst();
    }

    /** The VPC the instance will be in: its subnet group's, else the region's default VPC (where RDS puts it). */
    private static String vpcId(Ec2Client ec2, RdsClient rds, Optional<String> dbSubnetGroupName, String region) {
        if (dbSubnetGroupName.isPresent()) {
            return rds.describeDBSubnetGroups(request -> request.dbSubnetGroupName(dbSubnetGroupName.get()))
                    .dbSubnetGroups().stream().findFirst().map(DBSubnetGroup::vpcId)
                    .orElseThrow(() -> CommandFailure.failed("RDS knows no DB subnet group " + dbSubnetGroupName.get()));
        }
        return ec2.describeVpcs(request -> request.filters(Filter.builder().name("is-default").values("true").build()))
                .vpcs().stream().findFirst().map(vpc -> vpc.vpcId())
                .orElseThrow(() -> CommandFailure.failed("There is no default VPC in " + region + ", where RDS would put the instance:"
                        + " give --db-subnet-group-name (a DB subnet group in your VPC), or create the default VPC with"
                        + " `aws ec2 create-default-vpc`"));
    }

    private static List<Tag> tags(String name, String identifier, Map<String, String> extraTags) {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("Name", name);
        tags.put(Tags.MANAGED_BY, Tags.MANAGED_BY_VALUE);
        tags.put(DB_INSTANCE_TAG, identifier);
        extraTags.forEach(tags::putIfAbsent);
        List<Tag> list = new ArrayList<>();
        tags.forEach((key, value) -> list.add(Tag.builder().key(key).value(value).build()));
        return list;
    }
}
