package dev.cruddur.ops.network;

import java.util.List;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.SecurityGroupRule;

/**
 * The ingress rules this tool manages in a security group: it recognises them by their
 * description, so every other rule in the group is left exactly as it is.
 */
final class ManagedRules {

    /** The description on every rule allow-my-ip creates. */
    static final String DESCRIPTION = "cruddur: operator access";

    private ManagedRules() {
    }

    /** Our ingress rules in {@code groupId} (every page of DescribeSecurityGroupRules). */
    static List<SecurityGroupRule> in(Ec2Client ec2, String groupId) {
        return ec2.describeSecurityGroupRulesPaginator(request -> request.filters(
                        Filter.builder().name("group-id").values(groupId).build()))
                .securityGroupRules().stream()
                .filter(rule -> !Boolean.TRUE.equals(rule.isEgress()))
                .filter(rule -> DESCRIPTION.equals(rule.description()))
                .toList();
    }

    /** Whether {@code rule} already lets exactly {@code address} in on tcp {@code port}, and nothing else. */
    static boolean allowsExactly(SecurityGroupRule rule, OperatorAddress address, int port) {
        boolean sameCidr = address.ipv6()
                ? address.sameAs(rule.cidrIpv6()) && rule.cidrIpv4() == null
                : address.sameAs(rule.cidrIpv4()) && rule.cidrIpv6() == null;
        return sameCidr && "tcp".equals(rule.ipProtocol()) && Integer.valueOf(port).equals(rule.fromPort())
                && Integer.valueOf(port).equals(rule.toPort()) && rule.prefixListId() == null
                && rule.referencedGroupInfo() == null;
    }

    /** What the rule allows, for messages: "203.0.113.7/32 on tcp 5432". */
    static String describe(SecurityGroupRule rule) {
        String source = rule.cidrIpv4() != null ? rule.cidrIpv4() : rule.cidrIpv6() != null ? rule.cidrIpv6() : "another source";
        String ports = rule.fromPort() == null ? "all ports"
                : rule.fromPort().equals(rule.toPort()) ? String.valueOf(rule.fromPort()) : rule.fromPort() + "-" + rule.toPort();
        return source + " on " + rule.ipProtocol() + " " + ports;
    }
}
