package dev.cruddur.ops.network;

import dev.cruddur.ops.CommandFailure;
import dev.cruddur.ops.output.Printer;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.VpcSecurityGroupMembership;

/**
 * Which of the instance's security groups holds the operator's rule. A VPC's default group
 * (always named "default") is shared: its own default rule lets every member reach every other,
 * and anything launched without a group joins it. A rule there lets the operator's address reach
 * the port on all of them, so it is chosen only when named with --security-group-id.
 *
 * @param isDefault whether it is its VPC's default group
 */
record InstanceGroup(String id, String vpcId, boolean isDefault) {

    static final String DEFAULT_GROUP_NAME = "default";

    /** The group named by {@code wanted}, else the instance's first group that is not a VPC's default group. */
    static InstanceGroup choose(Ec2Client ec2, DBInstance db, String wanted, Printer printer) {
        String id = db.dbInstanceIdentifier();
        List<String> ids = db.vpcSecurityGroups().stream().map(VpcSecurityGroupMembership::vpcSecurityGroupId).toList();
        if (ids.isEmpty()) {
            throw CommandFailure.failed(id + " has no VPC security group to add a rule to");
        }
        if (wanted != null && !ids.contains(wanted)) {
            throw CommandFailure.usage(wanted + " is not one of " + id + "'s security groups (" + String.join(", ", ids) + ")");
        }
        Map<String, SecurityGroup> groups = ec2.describeSecurityGroups(request -> request.groupIds(ids)).securityGroups().stream()
                .collect(Collectors.toMap(SecurityGroup::groupId, Function.identity(), (a, b) -> a));
        Function<String, InstanceGroup> of = groupId -> {
            SecurityGroup group = groups.get(groupId);
            return group == null ? new InstanceGroup(groupId, null, false)
                    : new InstanceGroup(groupId, group.vpcId(), DEFAULT_GROUP_NAME.equals(group.groupName()));
        };
        if (wanted != null) {
            return of.apply(wanted);
        }
        List<InstanceGroup> candidates = ids.stream().map(of).toList();
        List<InstanceGroup> own = candidates.stream().filter(group -> !group.isDefault()).toList();
        InstanceGroup chosen = own.isEmpty() ? candidates.get(0) : own.get(0);
        if (ids.size() > 1 && !own.isEmpty()) {
            printer.say("Using " + chosen.id() + ", the first of " + id + "'s security groups (" + String.join(", ", ids) + ")"
                    + (own.size() < ids.size() ? " that is not its VPC's default group" : "")
                    + "; choose another with --security-group-id.");
        }
        return chosen;
    }

    /** Why a rule here reaches more than the database: one line for the operator. */
    String sharedWarning(int port) {
        return id + " is the default security group of " + (vpcId == null ? "its VPC" : vpcId) + ", which other resources in"
                + " the VPC may share: a rule there lets your address reach port " + port + " on them too";
    }
}
