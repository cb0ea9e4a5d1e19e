package dev.cruddur.ops.network;

import dev.cruddur.ops.CommandFailure;
import dev.cruddur.ops.aws.AwsClients;
import dev.cruddur.ops.aws.AwsCommand;
import dev.cruddur.ops.aws.Changes;
import dev.cruddur.ops.aws.DryRunOption;
import dev.cruddur.ops.output.Printer;
import dev.cruddur.ops.rds.DbInstanceOption;
import dev.cruddur.ops.rds.DbInstances;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.AuthorizeSecurityGroupIngressRequest;
import software.amazon.awssdk.services.ec2.model.AuthorizeSecurityGroupIngressResponse;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.IpRange;
import software.amazon.awssdk.services.ec2.model.Ipv6Range;
import software.amazon.awssdk.services.ec2.model.ModifySecurityGroupRulesRequest;
import software.amazon.awssdk.services.ec2.model.RevokeSecurityGroupIngressRequest;
import software.amazon.awssdk.services.ec2.model.SecurityGroupRule;
import software.amazon.awssdk.services.ec2.model.SecurityGroupRuleRequest;
import software.amazon.awssdk.services.ec2.model.SecurityGroupRuleUpdate;
import software.amazon.awssdk.services.rds.model.DBInstance;

@Command(name = "allow-my-ip", mixinStandardHelpOptions = true,
        description = {"Let your own public IP address, and only it, reach the database port: finds the instance's security group,"
                + " then creates your ingress rule (described \"" + ManagedRules.DESCRIPTION + " (NAME)\", NAME being you)"
                + " or points it at exactly your address (/32, or /128 for IPv6). Each operator has a rule of their own;"
                + " other rules in the group are never touched.",
                "Your address comes from checkip.amazonaws.com unless you give --ip. It never opens the port to 0.0.0.0/0 or ::/0,"
                        + " and refuses private and loopback addresses, and IPv6 for an instance without IPv6 (NetworkType IPV4)."
                        + " It does not open a VPC's default security group unless you name it with --security-group-id."
                        + " --revoke removes your rule."},
        footer = {"", "Example:", "  cruddur network allow-my-ip", "  cruddur network allow-my-ip --ip 203.0.113.7 --dry-run",
                "  cruddur network allow-my-ip --operator alice --revoke"})
final class AllowMyIpCommand extends AwsCommand {

    /** What the operator's rule allows now. */
    record Access(String securityGroupId, String ruleId, String operator, String allows, String change) {
    }

    /** The EC2 error for a rule that an existing one already is (whatever their descriptions). */
    static final String DUPLICATE = "InvalidPermission.Duplicate";

    @Mixin
    DbInstanceOption instance;

    @Mixin
    DryRunOption dryRun;

    @Mixin
    OperatorOptions operator;

    @Option(names = "--security-group-id", paramLabel = "SG",
            description = "Which of the instance's security groups holds the rule (default: its first that is not a VPC's default group).")
    String securityGroupId;

    @Option(names = "--revoke", description = "Remove your rule instead: you no longer reach the port through it.")
    boolean revoke;

    @Override
    protected void checkArguments() {
        if (revoke && operator.ipGiven()) {
            throw CommandFailure.usage("--revoke removes the rule whatever it allows; leave out --ip.");
        }
        operator.check();
    }

    @Override
    protected int run(AwsClients clients, Printer printer) {
        DBInstance db = DbInstances.require(clients.rds(), instance.identifier());
        Ec2Client ec2 = clients.ec2();
        InstanceGroup group = InstanceGroup.choose(ec2, db, securityGroupId, printer);
        Changes changes = new Changes(dryRun.enabled(), printer);
        if (revoke) {
            String me = operator.name(clients.sts());
            List<SecurityGroupRule> ours = ManagedRules.ofOperator(ManagedRules.ingress(ec2, group.id()), Operator.description(me));
            return revoke(ec2, changes, printer, group.id(), me, ours);
        }
        int port = port(db);
        if (group.isDefault()) {
            if (securityGroupId == null) {
                throw CommandFailure.failed(group.sharedWarning(port) + ". Give " + db.dbInstanceIdentifier() + " a group of its own"
                        + " (`aws ec2 create-security-group --group-name rds-" + db.dbInstanceIdentifier()
                        + " --description 'cruddur database' --vpc-id " + group.vpcId() + "`, then `aws rds modify-db-instance"
                        + " --db-instance-identifier " + db.dbInstanceIdentifier() + " --vpc-security-group-ids <its id>"
                        + " --apply-immediately`; `cruddur rds create` does this for new instances), or name this group with"
                        + " --security-group-id " + group.id() + " to use it anyway");
            }
            printer.say("Note: " + group.sharedWarning(port) + ".");
        }
        OperatorAddress address = operator.address();
        if (address.ipv6() && !"DUAL".equalsIgnoreCase(db.networkType())) {
            throw CommandFailure.failed(db.dbInstanceIdentifier() + "'s network type is IPV4 (no IPv6 address), so an IPv6 rule would"
                    + " let nobody in: connect over IPv4 and pass --ip with your IPv4 address");
        }
        if (!Boolean.TRUE.equals(db.publiclyAccessible())) {
            printer.say("Note: " + db.dbInstanceIdentifier() + " is not publicly accessible, so this rule matters only once it is"
                    + " (`cruddur rds public-access on`) or for connections from inside the VPC.");
        }
        String me = operator.name(clients.sts());
        String description = Operator.description(me);
        List<SecurityGroupRule> ingress = ManagedRules.ingress(ec2, group.id());
        List<SecurityGroupRule> ours = ManagedRules.ofOperator(ingress, description);
        Target target = new Target(group.id(), me, description, address, port, ingress);
        List<SecurityGroupRule> stale = new ArrayList<>();
        Access access;
        if (ours.isEmpty()) {
            access = create(ec2, changes, printer, target);
        } else {
            SecurityGroupRule rule = ours.get(0);
            if (ManagedRules.allowsExactly(rule, address, port) && description.equals(rule.description())) {
                access = new Access(group.id(), rule.securityGroupRuleId(), me, target.allows(), "unchanged");
                printer.say("Rule " + rule.securityGroupRuleId() + " in " + group.id() + " already allows " + target.allows()
                        + "; nothing sent.");
            } else {
                Optional<Access> modified = modify(ec2, changes, printer, rule, target);
                if (modified.isPresent()) {
                    access = modified.get();
                } else {
                    // Another rule lets the new address in already: this one would only keep the old address in.
                    access = alreadyAllowed(printer, target);
                    stale.add(rule);
                }
            }
            // More of ours (same description, or unnamed ones of older versions): left in place they would keep an old address in.
            stale.addAll(ours.subList(1, ours.size()));
        }
        if (!stale.isEmpty()) {
            revokeRules(ec2, changes, printer, group.id(), stale);
        }
        List<SecurityGroupRule> others = ManagedRules.ofOthers(ingress, description);
        if (!others.isEmpty()) {
            printer.say("Left as they are, other operators' rules: " + others.stream()
                    .map(rule -> ManagedRules.operatorOf(rule).orElseThrow() + " (" + ManagedRules.describe(rule) + ")")
                    .collect(Collectors.joining(", ")) + ".");
        }
        printer.record(access);
        printer.say("Nothing else in " + group.id() + " was touched.");
        return 0;
    }

    /** The rule wanted: this operator's, for exactly this address and port, among the group's ingress rules. */
    private record Target(String group, String operator, String description, OperatorAddress address, int port,
                          List<SecurityGroupRule> ingress) {

        String allows() {
            return address.cidr() + " on tcp " + port;
        }
    }

    private Access create(Ec2Client ec2, Changes changes, Printer printer, Target target) {
        IpPermission.Builder permission = IpPermission.builder().ipProtocol("tcp").fromPort(target.port()).toPort(target.port());
        OperatorAddress address = target.address();
        if (address.ipv6()) {
            permission.ipv6Ranges(Ipv6Range.builder().cidrIpv6(address.cidr()).description(target.description()).build());
        } else {
            permission.ipRanges(IpRange.builder().cidrIp(address.cidr()).description(target.description()).build());
        }
        AuthorizeSecurityGroupIngressRequest request = AuthorizeSecurityGroupIngressRequest.builder()
                .groupId(target.group()).ipPermissions(permission.build()).build();
        Optional<AuthorizeSecurityGroupIngressResponse> response;
        try {
            response = changes.send(request, ec2::authorizeSecurityGroupIngress);
        } catch (Ec2Exception e) {
            if (!DUPLICATE.equals(e.awsErrorDetails().errorCode())) {
                throw e;
            }
            return alreadyAllowed(printer, target);
        }
        String ruleId = response.flatMap(r -> r.securityGroupRules().stream().findFirst())
                .map(SecurityGroupRule::securityGroupRuleId).orElse(null);
        if (response.isPresent()) {
            printer.say((ruleId == null ? "A rule" : "Rule " + ruleId) + " in " + target.group() + " now allows " + target.allows()
                    + " for " + target.operator() + ".");
        }
        return new Access(target.group(), ruleId, target.operator(), target.allows(),
                response.isPresent() ? "created" : "would create (dry run)");
    }

    /** Points the rule at the address; empty when EC2 says another rule already allows exactly that. */
    private Optional<Access> modify(Ec2Client ec2, Changes changes, Printer printer, SecurityGroupRule rule, Target target) {
        SecurityGroupRuleRequest.Builder wanted = SecurityGroupRuleRequest.builder()
                .ipProtocol("tcp").fromPort(target.port()).toPort(target.port()).description(target.description());
        if (target.address().ipv6()) {
            wanted.cidrIpv6(target.address().cidr());
        } else {
            wanted.cidrIpv4(target.address().cidr());
        }
        ModifySecurityGroupRulesRequest request = ModifySecurityGroupRulesRequest.builder().groupId(target.group())
                .securityGroupRules(SecurityGroupRuleUpdate.builder().securityGroupRuleId(rule.securityGroupRuleId())
                        .securityGroupRule(wanted.build()).build())
                .build();
        boolean sent;
        try {
            sent = changes.send(request, ec2::modifySecurityGroupRules).isPresent();
        } catch (Ec2Exception e) {
            if (!DUPLICATE.equals(e.awsErrorDetails().errorCode())) {
                throw e;
            }
            return Optional.empty();
        }
        if (sent) {
            printer.say("Rule " + rule.securityGroupRuleId() + " now allows " + target.allows()
                    + " (it allowed " + ManagedRules.describe(rule) + ").");
        }
        return Optional.of(new Access(target.group(), rule.securityGroupRuleId(), target.operator(), target.allows(),
                sent ? "modified" : "would modify (dry run)"));
    }

    /**
     * EC2 refused the rule as InvalidPermission.Duplicate: a rule not described as ours (made by
     * hand, say) already allows exactly this address and port. Access is there; nothing is added.
     */
    private static Access alreadyAllowed(Printer printer, Target target) {
        Optional<SecurityGroupRule> covering = target.ingress().stream()
                .filter(rule -> ManagedRules.allowsExactly(rule, target.address(), target.port())).findFirst();
        String by = covering.map(SecurityGroupRule::securityGroupRuleId).orElse("another rule");
        printer.say(covering.map(rule -> "Rule " + rule.securityGroupRuleId() + " in " + target.group()
                        + (rule.description() == null || rule.description().isBlank() ? "" : " (\"" + rule.description() + "\")"))
                .orElse("A rule in " + target.group()) + " already allows " + target.allows() + "; no rule of yours was added.");
        return new Access(target.group(), covering.map(SecurityGroupRule::securityGroupRuleId).orElse(null), target.operator(),
                target.allows(), "already allowed by " + by);
    }

    private int revoke(Ec2Client ec2, Changes changes, Printer printer, String group, String me, List<SecurityGroupRule> ours) {
        if (ours.isEmpty()) {
            printer.say("There is no rule of " + me + " (described \"" + Operator.description(me) + "\") in " + group
                    + "; nothing sent.");
            printer.record(new Access(group, null, me, null, "nothing to revoke"));
            return 0;
        }
        boolean sent = revokeRules(ec2, changes, printer, group, ours);
        printer.record(new Access(group, ours.stream().map(SecurityGroupRule::securityGroupRuleId).collect(Collectors.joining(", ")),
                me, null, sent ? "revoked" : "would revoke (dry run)"));
        printer.say("Nothing else in " + group + " was touched.");
        return 0;
    }

    /** @return whether the revoke was sent (not under --dry-run) */
    private static boolean revokeRules(Ec2Client ec2, Changes changes, Printer printer, String group, List<SecurityGroupRule> rules) {
        RevokeSecurityGroupIngressRequest request = RevokeSecurityGroupIngressRequest.builder().groupId(group)
                .securityGroupRuleIds(rules.stream().map(SecurityGroupRule::securityGroupRuleId).toList()).build();
        if (changes.send(request, ec2::revokeSecurityGroupIngress).isEmpty()) {
            return false;
        }
        for (SecurityGroupRule rule : rules) {
            printer.say("Revoked rule " + rule.securityGroupRuleId() + " (it allowed " + ManagedRules.describe(rule) + ").");
        }
        return true;
    }

    private static int port(DBInstance db) {
        if (db.endpoint() != null && db.endpoint().port() != null) {
            return db.endpoint().port();
        }
        throw CommandFailure.failed(db.dbInstanceIdentifier() + " has no endpoint yet (it is " + db.dbInstanceStatus()
                + "); run this again once `cruddur rds status` shows it available");
    }
}
