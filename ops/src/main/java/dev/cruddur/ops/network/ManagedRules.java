package dev.cruddur.ops.network;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.SecurityGroupRule;

/**
 * The ingress rules this tool manages in a security group: it recognises them by their
 * description, so every other rule in the group is left exactly as it is. Each operator has one,
 * described {@code cruddur: operator access (NAME)}; a rule described without a name is the one
 * shared rule of older versions, which the next operator to run the command takes over.
 */
final class ManagedRules {

    /** The description on every rule allow-my-ip creates, before the operator's name. */
    static final String DESCRIPTION = "cruddur: operator access";

    /** The rule of older versions, one for everybody and named for nobody; each operator's adds " (name)". */
    static final String UNNAMED = DESCRIPTION;

    private ManagedRules() {
    }

    /** Every ingress rule in {@code groupId} (every page of DescribeSecurityGroupRules). */
    static List<SecurityGroupRule> ingress(Ec2Client ec2, String groupId) {
        return ec2.describeSecurityGroupRulesPaginator(request -> request.filters(
                        Filter.builder().name("group-id").values(groupId).build()))
                .securityGroupRules().stream()
                .filter(rule -> !Boolean.TRUE.equals(rule.isEgress()))
                .toList();
    }

    /** The operator's own rules (described {@code description}) first, then any unnamed rule of older versions. */
    static List<SecurityGroupRule> ofOperator(List<SecurityGroupRule> ingress, String description) {
        return Stream.concat(ingress.stream().filter(rule -> description.equals(rule.description())),
                ingress.stream().filter(rule -> UNNAMED.equals(rule.description()))).toList();
    }

    /** Other operators' rules: named, and not {@code description}. */
    static List<SecurityGroupRule> ofOthers(List<SecurityGroupRule> ingress, String description) {
        return ingress.stream().filter(rule -> operatorOf(rule).isPresent() && !description.equals(rule.description())).toList();
    }

    /** The name in {@code cruddur: operator access (NAME)}. */
    static Optional<String> operatorOf(SecurityGroupRule rule) {
        String text = rule.description();
        if (text == null || !text.startsWith(DESCRIPTION + " (") || !text.endsWith(")")) {
            return Optional.empty();
        }
        return Optional.of(text.substring(DESCRIPTION.length() + 2, text.length() - 1));
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
