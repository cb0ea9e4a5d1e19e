package dev.cruddur.ops.network;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.cruddur.ops.AwsStub.Answer;
import dev.cruddur.ops.AwsStub;
import dev.cruddur.ops.Ec2Xml;
import dev.cruddur.ops.OpsRun;
import dev.cruddur.ops.rds.RdsXml;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AllowMyIpCommandTest {

    private static final String SG = "sg-0aaa1111";
    /** This operator's rule: the description names them (here, from their SSO session via the caller identity). */
    private static final String OURS = "cruddur: operator access (alice@example.com)";
    /** The one shared rule older versions made, named for nobody. */
    private static final String UNNAMED = "cruddur: operator access";
    private static final String ALICE = "arn:aws:sts::123456789012:assumed-role/AWSReservedSSO_AdministratorAccess_0a1b2c3d4e5f6a7b/alice@example.com";

    @RegisterExtension
    final AwsStub aws = new AwsStub();

    @BeforeEach
    void signedInAsAlice() {
        aws.callerIs(ALICE);
    }

    /** Whatever a test did, no request ever asked for the whole internet. */
    @AfterEach
    void neverOpensThePortToEveryone() {
        for (LoggedRequest request : aws.allRequests()) {
            String body = request.getBodyAsString();
            String decoded = URLDecoder.decode(body, StandardCharsets.UTF_8);
            assertThat(decoded).as(request.getUrl()).doesNotContain("0.0.0.0/0").doesNotContain("::/0");
        }
    }

    @Test
    void createsTheRuleForTheLookedUpAddressWhenThereIsNone() {
        instance(RdsXml.instance("available").publiclyAccessible(true));
        lookupAnswers("203.0.113.7\n");
        rules(rule("sgr-self", false, "-1", null, null, null, null, "default"),
                rule("sgr-out", true, "tcp", 5432, 5432, "198.51.100.1/32", null, OURS),
                rule("sgr-http", false, "tcp", 443, 443, "0.0.0.0/0", null, "https for everyone, not ours"));
        aws.query("AuthorizeSecurityGroupIngress", """
                <AuthorizeSecurityGroupIngressResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">
                  <requestId>a1</requestId><return>true</return>
                  <securityGroupRuleSet><item><securityGroupRuleId>sgr-0new</securityGroupRuleId><groupId>sg-0aaa1111</groupId>
                    <isEgress>false</isEgress><ipProtocol>tcp</ipProtocol><fromPort>5432</fromPort><toPort>5432</toPort>
                    <cidrIpv4>203.0.113.7/32</cidrIpv4><description>cruddur: operator access</description></item></securityGroupRuleSet>
                </AuthorizeSecurityGroupIngressResponse>""");

        OpsRun run = OpsRun.of(withLookup("network", "allow-my-ip"));

        assertThat(run.exitCode()).as(run.printed()).isZero();
        Map<String, String> sent = form(aws.queryRequests("AuthorizeSecurityGroupIngress").get(0));
        assertThat(sent).containsAllEntriesOf(Map.of(
                "GroupId", SG,
                "IpPermissions.1.IpProtocol", "tcp",
                "IpPermissions.1.FromPort", "5432",
                "IpPermissions.1.ToPort", "5432",
                "IpPermissions.1.IpRanges.1.CidrIp", "203.0.113.7/32",
                "IpPermissions.1.IpRanges.1.Description", OURS));
        assertThat(sent.keySet()).noneMatch(key -> key.contains("Ipv6"));
        assertThat(form(aws.queryRequests("DescribeSecurityGroupRules").get(0)))
                .containsEntry("Filter.1.Name", "group-id").containsEntry("Filter.1.Value.1", SG);
        assertThat(run.out()).contains("sgr-0new", "203.0.113.7/32 on tcp 5432", "created", "Nothing else in sg-0aaa1111 was touched.");
        assertThat(changing()).containsExactly("AuthorizeSecurityGroupIngress");
    }

    @Test
    void pointsTheExistingRuleAtExactlyTheNewAddress() {
        instance(RdsXml.instance("available").publiclyAccessible(true));
        rules(rule("sgr-self", false, "-1", null, null, null, null, "default"),
                ingress("sgr-0123", "198.51.100.9/32", OURS));
        accepts("ModifySecurityGroupRules");

        OpsRun run = allowMyIp("--ip", "203.0.113.7");

        assertThat(run.exitCode()).as(run.printed()).isZero();
        Map<String, String> sent = form(aws.queryRequests("ModifySecurityGroupRules").get(0));
        assertThat(sent).containsAllEntriesOf(Map.of(
                "GroupId", SG,
                "SecurityGroupRule.1.SecurityGroupRuleId", "sgr-0123",
                "SecurityGroupRule.1.SecurityGroupRule.CidrIpv4", "203.0.113.7/32",
                "SecurityGroupRule.1.SecurityGroupRule.IpProtocol", "tcp",
                "SecurityGroupRule.1.SecurityGroupRule.FromPort", "5432",
                "SecurityGroupRule.1.SecurityGroupRule.ToPort", "5432",
                "SecurityGroupRule.1.SecurityGroupRule.Description", OURS));
        assertThat(sent).doesNotContainKey("SecurityGroupRule.1.SecurityGroupRule.CidrIpv6");
        assertThat(run.out()).contains("Rule sgr-0123 now allows 203.0.113.7/32 on tcp 5432 (it allowed 198.51.100.9/32 on tcp 5432).");
        assertThat(changing()).containsExactly("ModifySecurityGroupRules");
        // --ip given: nobody was asked for our address
        assertThat(aws.requests(com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(urlPathEqualTo("/checkip")))).isEmpty();
    }

    @Test
    void aRuleThatAlreadyAllowsTheAddressIsLeftAndNothingIsSent() {
        instance(RdsXml.instance("available").publiclyAccessible(true));
        lookupAnswers("203.0.113.7");
        rules(ingress("sgr-0123", "203.0.113.7/32", OURS));

        OpsRun run = OpsRun.of(withLookup("network", "allow-my-ip"));

        assertThat(run.exitCode()).as(run.printed()).isZero();
        assertThat(run.out()).contains("Rule sgr-0123 in sg-0aaa1111 already allows 203.0.113.7/32 on tcp 5432; nothing sent.", "unchanged");
        assertThat(changing()).isEmpty();
    }

    @Test
    void anIpv6AddressBecomesASlash128() {
        instance(RdsXml.instance("available").publiclyAccessible(true).withNetworkType("DUAL"));
        rules(ingress("sgr-0123", "203.0.113.7/32", OURS));
        accepts("ModifySecurityGroupRules");

        OpsRun run = allowMyIp("--ip", "2001:DB8:0:0:0:0:0:7");

        assertThat(run.exitCode()).as(run.printed()).isZero();
        Map<String, String> sent = form(aws.queryRequests("ModifySecurityGroupRules").get(0));
        assertThat(sent).containsEntry("SecurityGroupRule.1.SecurityGroupRule.CidrIpv6", "2001:db8::7/128")
                .doesNotContainKey("SecurityGroupRule.1.SecurityGroupRule.CidrIpv4");
    }

    @Test
    void anIpv6RuleAlreadyRightIsRecognisedWhateverItsSpelling() {
        instance(RdsXml.instance("available").publiclyAccessible(true).withNetworkType("DUAL"));
        rules(rule("sgr-0123", false, "tcp", 5432, 5432, null, "2001:db8::7/128", OURS));

        OpsRun run = allowMyIp("--ip", "2001:0db8::0007");

        assertThat(run.exitCode()).as(run.printed()).isZero();
        assertThat(run.out()).contains("already allows 2001:db8::7/128");
        assertThat(changing()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.0.0.0/0", "::/0", "0.0.0.0", "::", "203.0.113.0/24", "10.0.0.5", "192.168.1.20", "172.16.4.4",
            "127.0.0.1", "::1", "fd00::1", "fe80::1", "100.64.1.1", "224.0.0.1", "db.example.com", "203.0.113.7/16", ""})
    void refusesAnythingButOnePublicAddressBeforeSendingAnything(String address) {
        OpsRun run = allowMyIp("--ip", address);

        assertThat(run.exitCode()).as(run.printed()).isEqualTo(2);
        assertThat(run.err().strip()).hasLineCount(1).startsWith("cruddur: ");
        assertThat(run.err()).containsAnyOf("Refusing", "is not an IP address");
        assertThat(aws.allRequests()).isEmpty();
    }

    @Test
    void theWholeInternetIsNamedAsSuch() {
        OpsRun run = allowMyIp("--ip", "0.0.0.0/0");
        assertThat(run.err()).contains("never the whole internet");
        OpsRun any = allowMyIp("--ip", "0.0.0.0");
        assertThat(any.err()).contains("every address on the internet");
    }

    @ParameterizedTest
    @ValueSource(strings = {"<html>blocked</html>", "10.1.2.3", "0.0.0.0"})
    void anUnusableLookupAnswerChangesNothing(String answer) {
        instance(RdsXml.instance("available").publiclyAccessible(true));
        lookupAnswers(answer);
        rules(ingress("sgr-0123", "198.51.100.9/32", OURS));

        OpsRun run = OpsRun.of(withLookup("network", "allow-my-ip"));

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().strip()).hasLineCount(1).contains("pass your address with --ip");
        assertThat(changing()).isEmpty();
    }

    @Test
    void revokeRemovesOnlyTheManagedRule() {
        instance(RdsXml.instance("available"));
        rules(rule("sgr-self", false, "-1", null, null, null, null, "default"),
                ingress("sgr-0123", "198.51.100.9/32", OURS));
        accepts("RevokeSecurityGroupIngress");

        OpsRun run = allowMyIp("--revoke");

        assertThat(run.exitCode()).as(run.printed()).isZero();
        Map<String, String> sent = form(aws.queryRequests("RevokeSecurityGroupIngress").get(0));
        assertThat(sent).containsEntry("GroupId", SG).containsEntry("SecurityGroupRuleId.1", "sgr-0123")
                .doesNotContainKey("SecurityGroupRuleId.2");
        assertThat(run.out()).contains("Revoked rule sgr-0123 (it allowed 198.51.100.9/32 on tcp 5432).");
    }

    @Test
    void revokeWithNoRuleSendsNothing() {
        instance(RdsXml.instance("available"));
        rules(rule("sgr-self", false, "-1", null, null, null, null, "default"));

        OpsRun run = allowMyIp("--revoke");

        assertThat(run.exitCode()).as(run.printed()).isZero();
        assertThat(run.out()).contains("nothing sent");
        assertThat(changing()).isEmpty();
    }

    @Test
    void withSeveralGroupsTheFirstIsUsedAndNamed() {
        instance(RdsXml.instance("available").publiclyAccessible(true).withSecurityGroups("sg-0aaa1111,sg-0bbb2222"));
        rules(ingress("sgr-0123", "203.0.113.7/32", OURS));

        OpsRun run = allowMyIp("--ip", "203.0.113.7");

        assertThat(run.exitCode()).as(run.printed()).isZero();
        assertThat(run.out()).contains("Using sg-0aaa1111, the first of cruddur-db-instance's security groups (sg-0aaa1111, sg-0bbb2222)");
    }

    @Test
    void securityGroupIdChoosesAnotherOfTheInstancesGroupsOnly() {
        instance(RdsXml.instance("available").publiclyAccessible(true).withSecurityGroups("sg-0aaa1111,sg-0bbb2222"));
        rules();
        accepts("AuthorizeSecurityGroupIngress");

        OpsRun run = allowMyIp("--ip", "203.0.113.7", "--security-group-id", "sg-0bbb2222");
        assertThat(run.exitCode()).as(run.printed()).isZero();
        assertThat(form(aws.queryRequests("AuthorizeSecurityGroupIngress").get(0))).containsEntry("GroupId", "sg-0bbb2222");

        OpsRun other = allowMyIp("--ip", "203.0.113.7", "--security-group-id", "sg-0ccc3333");
        assertThat(other.exitCode()).isEqualTo(2);
        assertThat(other.err()).contains("sg-0ccc3333 is not one of cruddur-db-instance's security groups");
        assertThat(aws.queryRequests("AuthorizeSecurityGroupIngress")).hasSize(1);
    }

    @Test
    void dryRunPrintsTheModificationAndSendsNothing() {
        instance(RdsXml.instance("available").publiclyAccessible(true));
        rules(ingress("sgr-0123", "198.51.100.9/32", OURS));

        OpsRun run = allowMyIp("--ip", "203.0.113.7", "--dry-run");

        assertThat(run.exitCode()).as(run.printed()).isZero();
        assertThat(run.out()).contains("dry run, not sent: ec2 ModifySecurityGroupRulesRequest(GroupId=sg-0aaa1111",
                "SecurityGroupRuleId=sgr-0123", "CidrIpv4=203.0.113.7/32", "would modify (dry run)");
        assertThat(changing()).isEmpty();
    }

    @Test
    void otherRulesWithOurDescriptionAreRevokedSoNoOldAddressStaysIn() {
        instance(RdsXml.instance("available").publiclyAccessible(true));
        rules(ingress("sgr-0123", "203.0.113.7/32", OURS),
                ingress("sgr-0456", "198.51.100.9/32", OURS));
        accepts("RevokeSecurityGroupIngress");

        OpsRun run = allowMyIp("--ip", "203.0.113.7");

        assertThat(run.exitCode()).as(run.printed()).isZero();
        assertThat(form(aws.queryRequests("RevokeSecurityGroupIngress").get(0))).containsEntry("SecurityGroupRuleId.1", "sgr-0456")
                .doesNotContainKey("SecurityGroupRuleId.2");
        assertThat(changing()).containsExactly("RevokeSecurityGroupIngress");
    }

    @Test
    void theRuleFollowsTheInstancesPortAndNotesAPrivateInstance() {
        instance(RdsXml.instance("available").withPort(6543));
        rules(ingress("sgr-0123", "203.0.113.7/32", OURS));
        accepts("ModifySecurityGroupRules");

        OpsRun run = allowMyIp("--ip", "203.0.113.7");

        assertThat(run.exitCode()).as(run.printed()).isZero();
        assertThat(form(aws.queryRequests("ModifySecurityGroupRules").get(0)))
                .containsEntry("SecurityGroupRule.1.SecurityGroupRule.FromPort", "6543")
                .containsEntry("SecurityGroupRule.1.SecurityGroupRule.ToPort", "6543");
        assertThat(run.out()).contains("is not publicly accessible", "cruddur rds public-access on");
    }

    @Test
    void aMissingInstanceSaysHowToCreateIt() {
        aws.query("DescribeDBInstances", RdsXml.notFound(RdsXml.ID));

        OpsRun run = allowMyIp("--ip", "203.0.113.7");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().strip()).hasLineCount(1).contains("DBInstanceNotFound", "create it with `cruddur rds create`");
    }

    @Test
    void anEc2RefusalIsOneLine() {
        instance(RdsXml.instance("available").publiclyAccessible(true));
        rules(ingress("sgr-0123", "198.51.100.9/32", OURS));
        aws.query("ModifySecurityGroupRules",
                Answer.ec2Error(403, "UnauthorizedOperation", "You are not authorized to perform this operation."));

        OpsRun run = allowMyIp("--ip", "203.0.113.7");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().strip()).hasLineCount(1)
                .startsWith("cruddur: Ec2 UnauthorizedOperation: You are not authorized").contains("IAM permission");
        assertThat(run.printed()).doesNotContain("Exception");
    }

    @Test
    void eachOperatorHasARuleOfTheirOwnAndOthersAreLeftAlone() {
        instance(RdsXml.instance("available").publiclyAccessible(true));
        rules(ingress("sgr-bob", "198.51.100.9/32", "cruddur: operator access (bob)"));
        accepts("AuthorizeSecurityGroupIngress");

        OpsRun run = allowMyIp("--ip", "203.0.113.7");

        assertThat(run.exitCode()).as(run.printed()).isZero();
        assertThat(form(aws.queryRequests("AuthorizeSecurityGroupIngress").get(0)))
                .containsEntry("IpPermissions.1.IpRanges.1.CidrIp", "203.0.113.7/32")
                .containsEntry("IpPermissions.1.IpRanges.1.Description", OURS);
        assertThat(changing()).containsExactly("AuthorizeSecurityGroupIngress");
        assertThat(aws.queryRequests("GetCallerIdentity")).hasSize(1);
        assertThat(run.out()).contains("alice@example.com", "Left as they are, other operators' rules: bob (198.51.100.9/32 on tcp 5432)");
    }

    @Test
    void operatorNamesTheRuleWithoutAskingWhoIsSignedIn() {
        instance(RdsXml.instance("available").publiclyAccessible(true));
        rules(ingress("sgr-0123", "203.0.113.7/32", OURS));
        accepts("AuthorizeSecurityGroupIngress");

        OpsRun run = allowMyIp("--ip", "203.0.113.8", "--operator", "carol");

        assertThat(run.exitCode()).as(run.printed()).isZero();
        assertThat(form(aws.queryRequests("AuthorizeSecurityGroupIngress").get(0)))
                .containsEntry("IpPermissions.1.IpRanges.1.CidrIp", "203.0.113.8/32")
                .containsEntry("IpPermissions.1.IpRanges.1.Description", "cruddur: operator access (carol)");
        assertThat(aws.queryRequests("GetCallerIdentity")).isEmpty();
        assertThat(run.out()).contains("alice@example.com (203.0.113.7/32 on tcp 5432)");
    }

    @Test
    void theOperatorsNameComesFromTheCallerIdentityOfEveryKind() {
        assertThat(Operator.nameOf("arn:aws:iam::123456789012:user/ops/alice")).isEqualTo("alice");
        assertThat(Operator.nameOf(ALICE)).isEqualTo("alice@example.com");
        assertThat(Operator.nameOf("arn:aws:sts::123456789012:federated-user/bob")).isEqualTo("bob");
        assertThat(Operator.nameOf("arn:aws:iam::123456789012:root")).isEqualTo("root");
        assertThat(Operator.description("eve\u001b[2J(x)")).isEqualTo("cruddur: operator access (eve_[2J_x_)");
    }

    @Test
    void aBlankOperatorIsRefusedBeforeAnythingIsSent() {
        OpsRun run = allowMyIp("--ip", "203.0.113.7", "--operator", " ");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--operator");
        assertThat(aws.allRequests()).isEmpty();
    }

    @Test
    void theUnnamedRuleOfAnOlderVersionBecomesThisOperatorsRule() {
        instance(RdsXml.instance("available").publiclyAccessible(true));
        rules(ingress("sgr-old", "203.0.113.7/32", UNNAMED));
        accepts("ModifySecurityGroupRules");

        OpsRun run = allowMyIp("--ip", "203.0.113.7");

        assertThat(run.exitCode()).as(run.printed()).isZero();
        assertThat(form(aws.queryRequests("ModifySecurityGroupRules").get(0)))
                .containsEntry("SecurityGroupRule.1.SecurityGroupRuleId", "sgr-old")
                .containsEntry("SecurityGroupRule.1.SecurityGroupRule.CidrIpv4", "203.0.113.7/32")
                .containsEntry("SecurityGroupRule.1.SecurityGroupRule.Description", OURS);
        assertThat(changing()).containsExactly("ModifySecurityGroupRules");
    }

    @Test
    void revokeRemovesThisOperatorsRuleAndNotAnotherOperators() {
        instance(RdsXml.instance("available"));
        rules(ingress("sgr-0123", "203.0.113.7/32", OURS),
                ingress("sgr-bob", "198.51.100.9/32", "cruddur: operator access (bob)"));
        accepts("RevokeSecurityGroupIngress");

        OpsRun run = allowMyIp("--revoke");

        assertThat(run.exitCode()).as(run.printed()).isZero();
        assertThat(form(aws.queryRequests("RevokeSecurityGroupIngress").get(0))).containsEntry("SecurityGroupRuleId.1", "sgr-0123")
                .doesNotContainKey("SecurityGroupRuleId.2");
    }

    @ParameterizedTest
    @ValueSource(strings = {"IPV4", ""})
    void anIpv6AddressIsRefusedForAnInstanceWithoutIpv6(String networkType) {
        instance(RdsXml.instance("available").publiclyAccessible(true).withNetworkType(networkType));
        rules(ingress("sgr-0123", "198.51.100.9/32", OURS));

        OpsRun run = allowMyIp("--ip", "2001:db8::7");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().strip()).hasLineCount(1).contains("network type is IPV4", "an IPv6 rule would let nobody in",
                "--ip with your IPv4 address");
        assertThat(changing()).isEmpty();
    }

    @Test
    void aHandMadeRuleThatAlreadyAllowsTheAddressIsReportedNotDuplicated() {
        instance(RdsXml.instance("available").publiclyAccessible(true));
        rules(ingress("sgr-office", "203.0.113.7/32", "office, added by hand"));
        aws.query("AuthorizeSecurityGroupIngress", Answer.ec2Error(400, "InvalidPermission.Duplicate",
                "the specified rule \"peer: 203.0.113.7/32, TCP, from port: 5432, to port: 5432, ALLOW\" already exists"));

        OpsRun run = allowMyIp("--ip", "203.0.113.7");

        assertThat(run.exitCode()).as(run.printed()).isZero();
        assertThat(aws.queryRequests("AuthorizeSecurityGroupIngress")).hasSize(1);
        assertThat(changing()).containsExactly("AuthorizeSecurityGroupIngress");
        assertThat(run.out()).contains("Rule sgr-office in sg-0aaa1111 (\"office, added by hand\") already allows 203.0.113.7/32"
                + " on tcp 5432; no rule of yours was added.", "already allowed by sgr-office");
    }

    @Test
    void whenAHandMadeRuleAllowsTheNewAddressTheOperatorsOldRuleIsRevoked() {
        instance(RdsXml.instance("available").publiclyAccessible(true));
        rules(ingress("sgr-0123", "198.51.100.9/32", OURS),
                ingress("sgr-office", "203.0.113.7/32", "office"));
        aws.query("ModifySecurityGroupRules", Answer.ec2Error(400, "InvalidPermission.Duplicate",
                "the specified rule \"peer: 203.0.113.7/32, TCP, from port: 5432, to port: 5432, ALLOW\" already exists"));
        accepts("RevokeSecurityGroupIngress");

        OpsRun run = allowMyIp("--ip", "203.0.113.7");

        assertThat(run.exitCode()).as(run.printed()).isZero();
        assertThat(changing()).containsExactly("ModifySecurityGroupRules", "RevokeSecurityGroupIngress");
        assertThat(form(aws.queryRequests("RevokeSecurityGroupIngress").get(0))).containsEntry("SecurityGroupRuleId.1", "sgr-0123")
                .doesNotContainKey("SecurityGroupRuleId.2");
        assertThat(run.out()).contains("Revoked rule sgr-0123 (it allowed 198.51.100.9/32 on tcp 5432).");
    }

    @Test
    void theVpcsDefaultGroupIsNotOpenedUnlessNamed() {
        aws.query("DescribeDBInstances", RdsXml.describe(RdsXml.instance("available").publiclyAccessible(true)
                .withSecurityGroups("sg-0def0000")));
        aws.query("DescribeSecurityGroups", Ec2Xml.securityGroups(Ec2Xml.securityGroup("sg-0def0000", "default", "vpc-0a", Map.of())));
        rules();
        accepts("AuthorizeSecurityGroupIngress");

        OpsRun run = allowMyIp("--ip", "203.0.113.7");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().strip()).hasLineCount(1).contains("sg-0def0000 is the default security group of vpc-0a",
                "other resources in the VPC", "--security-group-id sg-0def0000", "aws rds modify-db-instance");
        assertThat(changing()).isEmpty();
        assertThat(form(aws.queryRequests("DescribeSecurityGroups").get(0))).containsEntry("GroupId.1", "sg-0def0000");

        OpsRun named = allowMyIp("--ip", "203.0.113.7", "--security-group-id", "sg-0def0000");
        assertThat(named.exitCode()).as(named.printed()).isZero();
        assertThat(named.out()).contains("sg-0def0000 is the default security group of vpc-0a");
        assertThat(changing()).containsExactly("AuthorizeSecurityGroupIngress");
    }

    @Test
    void besideTheDefaultGroupTheInstancesOwnIsChosen() {
        aws.query("DescribeDBInstances", RdsXml.describe(RdsXml.instance("available").publiclyAccessible(true)
                .withSecurityGroups("sg-0def0000,sg-0aaa1111")));
        aws.query("DescribeSecurityGroups", Ec2Xml.securityGroups(
                Ec2Xml.securityGroup("sg-0def0000", "default", "vpc-0a", Map.of()),
                Ec2Xml.securityGroup(SG, "rds-cruddur-db-instance", "vpc-0a", Map.of())));
        rules();
        accepts("AuthorizeSecurityGroupIngress");

        OpsRun run = allowMyIp("--ip", "203.0.113.7");

        assertThat(run.exitCode()).as(run.printed()).isZero();
        assertThat(form(aws.queryRequests("AuthorizeSecurityGroupIngress").get(0))).containsEntry("GroupId", SG);
    }

    @Test
    void compressesIpv6AsAwsWritesIt() {
        assertThat(OperatorAddress.compress("2001:db8:0:0:0:0:0:7")).isEqualTo("2001:db8::7");
        assertThat(OperatorAddress.compress("2001:db8:0:1:0:0:0:0")).isEqualTo("2001:db8:0:1::");
        assertThat(OperatorAddress.compress("0:0:0:0:0:0:0:1")).isEqualTo("::1");
        assertThat(OperatorAddress.compress("2001:db8:1:2:3:4:5:6")).isEqualTo("2001:db8:1:2:3:4:5:6");
        assertThat(OperatorAddress.compress("2001:0:0:1:0:0:0:1")).isEqualTo("2001:0:0:1::1");
    }

    // ---- helpers ----

    /** The instance, and its security groups as groups of its own (not a VPC's default group). */
    /** {@code cruddur network allow-my-ip} with {@code args}, against the stand-in. */
    private OpsRun allowMyIp(String... args) {
        return OpsRun.of(aws.with(Stream.concat(Stream.of("network", "allow-my-ip"), Stream.of(args))
                .toArray(String[]::new)));
    }

    /** EC2 carries out {@code action}. */
    private void accepts(String action) {
        aws.query(action, Ec2Xml.returned(action));
    }

    private void instance(RdsXml.Instance instance) {
        aws.query("DescribeDBInstances", RdsXml.describe(instance));
        aws.query("DescribeSecurityGroups", Ec2Xml.securityGroups(java.util.Arrays.stream(instance.securityGroup().split(","))
                .map(group -> Ec2Xml.securityGroup(group, "rds-" + group, "vpc-0a", Map.of()))
                .toArray(String[]::new)));
    }

    private void lookupAnswers(String body) {
        aws.stubFor(get(urlPathEqualTo("/checkip")).willReturn(aResponse().withStatus(200).withBody(body)));
    }

    private String[] withLookup(String... args) {
        return Stream.concat(Stream.of(aws.with(args)), Stream.of("--ip-lookup-url", aws.url() + "/checkip")).toArray(String[]::new);
    }

    private void rules(String... items) {
        aws.query("DescribeSecurityGroupRules",
                Ec2Xml.list("DescribeSecurityGroupRules", "securityGroupRuleSet", items));
    }

    /** An IPv4 ingress rule on the database port, as allow-my-ip makes them. */
    private static String ingress(String id, String cidr, String description) {
        return rule(id, false, "tcp", 5432, 5432, cidr, null, description);
    }

    private static String rule(String id, boolean egress, String protocol, Integer from, Integer to, String cidr4, String cidr6,
                               String description) {
        StringBuilder xml = new StringBuilder("<item><securityGroupRuleId>").append(id).append("</securityGroupRuleId>")
                .append("<groupId>").append(SG).append("</groupId><groupOwnerId>123456789012</groupOwnerId>")
                .append("<isEgress>").append(egress).append("</isEgress><ipProtocol>").append(protocol).append("</ipProtocol>")
                .append("<fromPort>").append(from == null ? -1 : from).append("</fromPort>")
                .append("<toPort>").append(to == null ? -1 : to).append("</toPort>");
        if (cidr4 != null) {
            xml.append("<cidrIpv4>").append(cidr4).append("</cidrIpv4>");
        }
        if (cidr6 != null) {
            xml.append("<cidrIpv6>").append(cidr6).append("</cidrIpv6>");
        }
        if (cidr4 == null && cidr6 == null) {
            xml.append("<referencedGroupInfo><groupId>").append(SG).append("</groupId><userId>123456789012</userId></referencedGroupInfo>");
        }
        return xml.append("<description>").append(description).append("</description><tagSet/></item>").toString();
    }

    /** The actions sent that change something. */
    private List<String> changing() {
        List<String> actions = new ArrayList<>();
        for (LoggedRequest request : aws.allRequests()) {
            var action = request.formParameters().get("Action");
            if (action != null && !action.firstValue().startsWith("Describe") && !action.firstValue().equals("GetCallerIdentity")) {
                actions.add(action.firstValue());
            }
        }
        return actions;
    }

    private static Map<String, String> form(LoggedRequest request) {
        Map<String, String> values = new TreeMap<>();
        request.formParameters().forEach((name, parameter) -> values.put(name, parameter.firstValue()));
        return values;
    }
}
