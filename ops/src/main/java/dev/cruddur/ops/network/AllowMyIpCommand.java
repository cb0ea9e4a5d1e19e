package dev.cruddur.ops.network;

import dev.cruddur.ops.OpsFailure;
import dev.cruddur.ops.aws.AwsClients;
import dev.cruddur.ops.aws.AwsCommand;
import dev.cruddur.ops.aws.Changes;
import dev.cruddur.ops.aws.DryRunOption;
import dev.cruddur.ops.output.Printer;
import dev.cruddur.ops.rds.DbInstanceOption;
import dev.cruddur.ops.rds.DbInstances;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.AuthorizeSecurityGroupIngressRequest;
import software.amazon.awssdk.services.ec2.model.AuthorizeSecurityGroupIngressResponse;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.IpRange;
import software.amazon.awssdk.services.ec2.model.Ipv6Range;
import software.amazon.awssdk.services.ec2.model.ModifySecurityGroupRulesRequest;
import software.amazon.awssdk.services.ec2.model.RevokeSecurityGroupIngressRequest;
import software.amazon.awssdk.services.ec2.model.SecurityGroupRule;
import software.amazon.awssdk.services.ec2.model.SecurityGroupRuleRequest;
import software.amazon.awssdk.services.ec2.model.SecurityGroupRuleUpdate;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.VpcSecurityGroupMembership;

@Command(name = "allow-my-ip", mixinStandardHelpOptions = true,
        description = {"Let your own public IP address, and only it, reach the database port: finds the instance's security group,"
                + " then creates the ingress rule this tool manages (described \"" + ManagedRules.DESCRIPTION + "\") or points it"
                + " at exactly your address (/32, or /128 for IPv6). Other rules in the group are never touched.",
                "Your address comes from checkip.amazonaws.com unless you give --ip. It never opens the port to 0.0.0.0/0 or ::/0,"
                        + " and refuses private and loopback addresses. --revoke removes the rule."},
        footer = {"", "Example:", "  cruddur network allow-my-ip", "  cruddur network allow-my-ip --ip 203.0.113.7 --dry-run",
                "  cruddur network allow-my-ip --revoke"})
final class AllowMyIpCommand extends AwsCommand {

    /** What the rule allows now. */
    record Access(String securityGroupId, String ruleId, String allows, String change) {
    }

    @Mixin
    DbInstanceOption instance;

    @Mixin
    DryRunOption dryRun;

    @Option(names = "--ip", paramLabel = "ADDRESS", description = "Your public IPv4 or IPv6 address (default: ask checkip.amazonaws.com).")
    String ip;

    @Option(names = "--security-group-id", paramLabel = "SG",
            description = "Which of the instance's security groups holds the rule (default: its first).")
    String securityGroupId;

    @Option(names = "--revoke", description = "Remove the rule instead: nobody outside the VPC reaches the port through it.")
    boolean revoke;

    @Option(names = "--ip-lookup-url", hidden = true, defaultValue = PublicIpLookup.DEFAULT_URL,
            description = "Where to ask for the public IP (tests point it elsewhere).")
    URI ipLookupUrl;

    @Override
    protected void checkArguments() {
        if (revoke && ip != null) {
            throw OpsFailure.usage("--revoke removes the rule whatever it allows; leave out --ip.");
        }
        if (ip != null) {
            OperatorAddress.parse(ip, "--ip");
        }
    }

    @Override
    protected int run(AwsClients clients, Printer printer) {
        DBInstance db = DbInstances.require(clients.rds(), instance.identifier());
        String group = chooseGroup(db, printer);
        Ec2Client ec2 = clients.ec2();
        Changes changes = new Changes(dryRun.enabled(), printer);
        List<SecurityGroupRule> ours = ManagedRules.in(ec2, group);
        if (revoke) {
            return revoke(ec2, changes, printer, group, ours);
        }
        int port = port(db);
        OperatorAddress address = ip != null ? OperatorAddress.parse(ip, "--ip") : PublicIpLookup.lookUp(ipLookupUrl);
        if (!Boolean.TRUE.equals(db.publiclyAccessible())) {
            printer.say("Note: " + db.dbInstanceIdentifier() + " is not publicly accessible, so this rule matters only once it is"
                    + " (`cruddur rds public-access on`) or for connections from inside the VPC.");
        }
        Access access;
        if (ours.isEmpty()) {
            access = create(ec2, changes, group, address, port);
        } else {
            SecurityGroupRule rule = ours.get(0);
            if (ManagedRules.allowsExactly(rule, address, port)) {
                access = new Access(group, rule.securityGroupRuleId(), address.cidr() + " on tcp " + port, "unchanged");
                printer.say("Rule " + rule.securityGroupRuleId() + " in " + group + " already allows " + address.cidr() + " on tcp "
                        + port + "; nothing sent.");
            } else {
                access = modify(ec2, changes, printer, group, rule, address, port);
            }
            List<SecurityGroupRule> extra = ours.subList(1, ours.size());
            if (!extra.isEmpty()) {
                // Ours too (same description): left in place they would keep an old address let in.
                revokeRules(ec2, changes, printer, group, extra);
            }
        }
        printer.record(access);
        printer.say("Nothing else in " + group + " was touched.");
        return 0;
    }

    private Access create(Ec2Client ec2, Changes changes, String group, OperatorAddress address, int port) {
        IpPermission.Builder permission = IpPermission.builder().ipProtocol("tcp").fromPort(port).toPort(port);
        if (address.ipv6()) {
            permission.ipv6Ranges(Ipv6Range.builder().cidrIpv6(address.cidr()).description(ManagedRules.DESCRIPTION).build());
        } else {
            permission.ipRanges(IpRange.builder().cidrIp(address.cidr()).description(ManagedRules.DESCRIPTION).build());
        }
        AuthorizeSecurityGroupIngressRequest request = AuthorizeSecurityGroupIngressRequest.builder()
                .groupId(group).ipPermissions(permission.build()).build();
        Optional<AuthorizeSecurityGroupIngressResponse> response = changes.send(request, ec2::authorizeSecurityGroupIngress);
        String ruleId = response.flatMap(r -> r.securityGroupRules().stream().findFirst())
                .map(SecurityGroupRule::securityGroupRuleId).orElse(null);
        return new Access(group, ruleId, address.cidr() + " on tcp " + port, response.isPresent() ? "created" : "would create (dry run)");
    }

    private Access modify(Ec2Client ec2, Changes changes, Printer printer, String group, SecurityGroupRule rule,
                          OperatorAddress address, int port) {
        SecurityGroupRuleRequest.Builder wanted = SecurityGroupRuleRequest.builder()
                .ipProtocol("tcp").fromPort(port).toPort(port).description(ManagedRules.DESCRIPTION);
        if (address.ipv6()) {
            wanted.cidrIpv6(address.cidr());
        } else {
            wanted.cidrIpv4(address.cidr());
        }
        ModifySecurityGroupRulesRequest request = ModifySecurityGroupRulesRequest.builder().groupId(group)
                .securityGroupRules(SecurityGroupRuleUpdate.builder().securityGroupRuleId(rule.securityGroupRuleId())
                        .securityGroupRule(wanted.build()).build())
                .build();
        boolean sent = changes.send(request, ec2::modifySecurityGroupRules).isPresent();
        if (sent) {
            printer.say("Rule " + rule.securityGroupRuleId() + " now allows " + address.cidr() + " on tcp " + port
                    + " (it allowed " + ManagedRules.describe(rule) + ").");
        }
        return new Access(group, rule.securityGroupRuleId(), address.cidr() + " on tcp " + port,
                sent ? "modified" : "would modify (dry run)");
    }

    private int revoke(Ec2Client ec2, Changes changes, Printer printer, String group, List<SecurityGroupRule> ours) {
        if (ours.isEmpty()) {
            printer.say("There is no rule described \"" + ManagedRules.DESCRIPTION + "\" in " + group + "; nothing sent.");
            printer.record(new Access(group, null, null, "nothing to revoke"));
            return 0;
        }
        boolean sent = revokeRules(ec2, changes, printer, group, ours);
        printer.record(new Access(group, ours.stream().map(SecurityGroupRule::securityGroupRuleId).collect(Collectors.joining(", ")),
                null, sent ? "revoked" : "would revoke (dry run)"));
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

    private String chooseGroup(DBInstance db, Printer printer) {
        List<String> groups = db.vpcSecurityGroups().stream().map(VpcSecurityGroupMembership::vpcSecurityGroupId).toList();
        if (groups.isEmpty()) {
            throw OpsFailure.failed(db.dbInstanceIdentifier() + " has no VPC security group to add a rule to");
        }
        if (securityGroupId != null) {
            if (!groups.contains(securityGroupId)) {
                throw OpsFailure.usage(securityGroupId + " is not one of " + db.dbInstanceIdentifier() + "'s security groups ("
                        + String.join(", ", groups) + ")");
            }
            return securityGroupId;
        }
        if (groups.size() > 1) {
            printer.say("Using " + groups.get(0) + ", the first of " + db.dbInstanceIdentifier() + "'s security groups ("
                    + String.join(", ", groups) + "); choose another with --security-group-id.");
        }
        return groups.get(0);
    }

    private static int port(DBInstance db) {
        if (db.endpoint() != null && db.endpoint().port() != null) {
            return db.endpoint().port();
        }
        throw OpsFailure.failed(db.dbInstanceIdentifier() + " has no endpoint yet (it is " + db.dbInstanceStatus()
                + "); run this again once `cruddur rds status` shows it available");
    }
}
