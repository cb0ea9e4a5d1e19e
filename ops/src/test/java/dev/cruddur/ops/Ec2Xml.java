package dev.cruddur.ops;

import java.util.Map;
import java.util.stream.Collectors;

/** EC2 Query-protocol answers shaped as EC2 sends them (lists of {@code <item>}, lower-camel element names). */
public final class Ec2Xml {

    public static final String NS = "http://ec2.amazonaws.com/doc/2016-11-15/";

    private Ec2Xml() {
    }

    /**
     * An EC2 answer that lists {@code items} in the element {@code list}, as every Describe call
     * answers, e.g. {@code list("DescribeNatGateways", "natGatewaySet", items)}.
     */
    public static String list(String action, String list, String... items) {
        return page(action, list, null, items);
    }

    /** One page of such an answer; {@code nextToken} is null on the last page. */
    public static String page(String action, String list, String nextToken, String... items) {
        return response(action, "r1", "<%1$s>%2$s</%1$s>%3$s".formatted(list, String.join("\n", items),
                nextToken == null ? "" : "<nextToken>" + nextToken + "</nextToken>"));
    }

    /** The answer of an EC2 call that only says it succeeded ({@code <return>true</return>}). */
    public static String returned(String action) {
        return response(action, "c1", "<return>true</return>");
    }

    /** The document every EC2 answer is: {@code <ActionResponse>} in EC2's namespace, the request ID, then {@code body}. */
    private static String response(String action, String requestId, String body) {
        return "<%1$sResponse xmlns=\"%2$s\"><requestId>%3$s</requestId>%4$s</%1$sResponse>".formatted(action, NS, requestId, body);
    }

    /** DescribeVpcs with one VPC ({@code isDefault} as given), or none when {@code vpcId} is null. */
    public static String vpcs(String vpcId, boolean isDefault) {
        String item = vpcId == null ? "" : """
                <item><vpcId>%s</vpcId><ownerId>123456789012</ownerId><state>available</state>
                  <cidrBlock>172.31.0.0/16</cidrBlock>
                  <cidrBlockAssociationSet><item><associationId>vpc-cidr-assoc-0a1b</associationId><cidrBlock>172.31.0.0/16</cidrBlock>
                    <cidrBlockState><state>associated</state></cidrBlockState></item></cidrBlockAssociationSet>
                  <dhcpOptionsId>dopt-0a1b2c</dhcpOptionsId><instanceTenancy>default</instanceTenancy>
                  <isDefault>%s</isDefault><tagSet/></item>""".formatted(vpcId, isDefault);
        return list("DescribeVpcs", "vpcSet", item);
    }

    /** One security group of DescribeSecurityGroups. */
    public static String securityGroup(String groupId, String name, String vpcId, Map<String, String> tags) {
        return """
                <item><ownerId>123456789012</ownerId><groupId>%1$s</groupId><groupName>%2$s</groupName>
                  <groupDescription>%3$s</groupDescription><vpcId>%4$s</vpcId><ipPermissions/>
                  <ipPermissionsEgress><item><ipProtocol>-1</ipProtocol><groups/><ipRanges><item><cidrIp>0.0.0.0/0</cidrIp></item></ipRanges>
                    <ipv6Ranges/><prefixListIds/></item></ipPermissionsEgress>
                  <tagSet>%5$s</tagSet>
                  <securityGroupArn>arn:aws:ec2:us-east-1:123456789012:security-group/%1$s</securityGroupArn></item>"""
                .formatted(groupId, name, "default".equals(name) ? "default VPC security group" : "a group", vpcId,
                        tagSet(tags));
    }

    public static String securityGroups(String... items) {
        return list("DescribeSecurityGroups", "securityGroupInfo", items);
    }

    /** CreateSecurityGroup's answer: the new group's ID, ARN and tags (the model's CreateSecurityGroupResult). */
    public static String createdSecurityGroup(String groupId, Map<String, String> tags) {
        return response("CreateSecurityGroup", "c1", """
                <groupId>%1$s</groupId><tagSet>%2$s</tagSet>
                  <securityGroupArn>arn:aws:ec2:us-east-1:123456789012:security-group/%1$s</securityGroupArn>"""
                .formatted(groupId, tagSet(tags)));
    }

    /** The items of a {@code <tagSet>}. */
    private static String tagSet(Map<String, String> tags) {
        return tags.entrySet().stream()
                .map(e -> "<item><key>" + e.getKey() + "</key><value>" + e.getValue() + "</value></item>")
                .collect(Collectors.joining());
    }
}
