package dev.cruddur.ops.network;

import dev.cruddur.ops.CommandFailure;
import dev.cruddur.ops.output.Printer;
import java.util.List;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.SecurityGroupRule;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * The operator rules as other features see them: every rule {@code allow-my-ip} made in a group
 * (what a teardown revokes), and whether the signed-in operator's rule still lets their current
 * address in (what a status shows). Only read calls are made here.
 */
public final class OperatorRules {

    /**
     * Whether the operator's rule matches where they are now.
     *
     * @param status {@code matches your IP}, {@code stale}, {@code no rule of yours}, or {@code unknown}
     *               with why, each with what to run when something is to be done
     */
    public record Check(String securityGroupId, String operator, String currentIp, String ruleAllows, String status) {
    }

    private OperatorRules() {
    }

    /** Every rule allow-my-ip made in {@code groupId}, any operator's, and the unnamed one of older versions. */
    public static List<SecurityGroupRule> managed(Ec2Client ec2, String groupId) {
        return ManagedRules.ingress(ec2, groupId).stream()
                .filter(rule -> ManagedRules.UNNAMED.equals(rule.description()) || ManagedRules.operatorOf(rule).isPresent())
                .toList();
    }

    /** What a rule allows, in words: {@code 203.0.113.7/32 on tcp 5432}. */
    public static String describe(SecurityGroupRule rule) {
        return ManagedRules.describe(rule);
    }

    /**
     * Compares the operator's rule in the instance's group with their address now, as
     * {@code operator} names them. A failed look-up of the address is an answer ({@code unknown}),
     * not a failure: the rest of a status is still worth seeing.
     */
    public static Check check(Ec2Client ec2, StsClient sts, DBInstance db, OperatorOptions operator, Printer printer) {
        InstanceGroup group = InstanceGroup.choose(ec2, db, null, printer);
        String me = operator.name(sts);
        List<SecurityGroupRule> ours = ManagedRules.ofOperator(ManagedRules.ingress(ec2, group.id()), Operator.description(me));
        String allows = ours.isEmpty() ? null : ManagedRules.describe(ours.get(0));
        OperatorAddress address;
        try {
            address = operator.address();
        } catch (CommandFailure e) {
            return new Check(group.id(), me, null, allows, "unknown: " + e.getMessage());
        }
        Integer port = db.endpoint() == null ? null : db.endpoint().port();
        String status;
        if (ours.isEmpty()) {
            status = "no rule of yours: `cruddur network allow-my-ip` adds one";
        } else if (port == null) {
            status = "unknown: " + db.dbInstanceIdentifier() + " has no endpoint yet (it is " + db.dbInstanceStatus() + ")";
        } else if (ours.stream().anyMatch(rule -> ManagedRules.allowsExactly(rule, address, port))) {
            status = "matches your IP";
        } else {
            status = "stale: it does not allow " + address.cidr() + "; `cruddur network allow-my-ip` points it there";
        }
        return new Check(group.id(), me, address.text(), allows, status);
    }
}
