package dev.cruddur.ops.rds;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cruddur.ops.AwsStub.Answer;
import dev.cruddur.ops.AwsStub;
import dev.cruddur.ops.Ec2Xml;
import dev.cruddur.ops.OpsRun;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class LookupCommandsTest {

    @RegisterExtension
    final AwsStub aws = new AwsStub();

    @Test
    void azsListsTheRegionsZones() {
        aws.query("DescribeAvailabilityZones", Ec2Xml.list("DescribeAvailabilityZones", "availabilityZoneInfo",
                zone("us-east-1a", "use1-az6", "availability-zone", "opt-in-not-required", "us-east-1-zg-1"),
                zone("us-east-1b", "use1-az1", "availability-zone", "opt-in-not-required", "us-east-1-zg-1")));

        OpsRun run = OpsRun.of(aws.with("rds", "azs"));

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("ZONE NAME", "ZONE ID", "us-east-1a", "use1-az6", "us-east-1b", "available");
        assertThat(aws.queryRequests("DescribeAvailabilityZones")).hasSize(1);
    }

    @Test
    void azsLeavesOutLocalAndWavelengthZonesAndZonesNotOptedIn() {
        aws.query("DescribeAvailabilityZones", Ec2Xml.list("DescribeAvailabilityZones", "availabilityZoneInfo",
                zone("us-east-1a", "use1-az6", "availability-zone", "opt-in-not-required", "us-east-1-zg-1"),
                zone("us-east-1-bos-1a", "use1-bos1-az1", "local-zone", "opted-in", "us-east-1-bos-1"),
                zone("us-east-1-wl1-bos-wlz-1", "use1-wl1-bos-wlz1", "wavelength-zone", "not-opted-in", "us-east-1-wl1"),
                zone("us-east-1-mia-2a", "use1-mia2-az1", "local-zone", "not-opted-in", "us-east-1-mia-2")));

        OpsRun run = OpsRun.of(aws.with("rds", "azs", "--output", "json"));

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("us-east-1a").doesNotContain("bos", "mia", "wlz");
        Map<String, String> sent = new TreeMap<>();
        aws.queryRequests("DescribeAvailabilityZones").get(0).formParameters()
                .forEach((name, value) -> sent.put(name, value.firstValue()));
        assertThat(sent).containsEntry("Filter.1.Name", "zone-type").containsEntry("Filter.1.Value.1", "availability-zone")
                .containsEntry("Filter.2.Name", "opt-in-status").containsEntry("Filter.2.Value.1", "opt-in-not-required")
                .containsEntry("Filter.2.Value.2", "opted-in");
    }

    /** One {@code <item>} of DescribeAvailabilityZones, with the fields EC2 sends. */
    private static String zone(String name, String id, String type, String optIn, String group) {
        return """
                <item><optInStatus>%s</optInStatus><zoneName>%s</zoneName><zoneId>%s</zoneId><zoneState>available</zoneState>
                  <regionName>us-east-1</regionName><groupName>%s</groupName><networkBorderGroup>%s</networkBorderGroup>
                  <zoneType>%s</zoneType><messageSet/></item>""".formatted(optIn, name, id, group, group, type);
    }

    @Test
    void engineVersionsReadsEveryPageAndSortsNumerically() throws Exception {
        aws.query("DescribeDBEngineVersions", engineVersionsPage("page-2", "16.9", "16.10"));
        aws.query("DescribeDBEngineVersions", "Marker", "page-2", engineVersionsPage(null, "15.7", "16.3"));

        OpsRun run = OpsRun.of(aws.with("rds", "engine-versions", "--output", "json"));

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode versions = new ObjectMapper().readTree(run.out());
        assertThat(versions).extracting(v -> v.get("version").asText()).containsExactly("15.7", "16.3", "16.9", "16.10");
        assertThat(versions.get(0).get("parameter_group_family").asText()).isEqualTo("postgres15");
        assertThat(aws.queryRequests("DescribeDBEngineVersions")).hasSize(2)
                .allSatisfy(request -> assertThat(request.formParameters().get("Engine").firstValue()).isEqualTo("postgres"));
    }

    @Test
    void newestOfAMajorVersionComparesNumbers() {
        var versions = java.util.List.of(new EngineVersion("postgres", "16.9", "postgres16", ""),
                new EngineVersion("postgres", "16.10", "postgres16", ""),
                new EngineVersion("postgres", "17.2", "postgres17", ""),
                new EngineVersion("postgres", "160.1", "x", ""));
        assertThat(EngineVersion.newestOf(versions, "16")).map(EngineVersion::version).contains("16.10");
        assertThat(EngineVersion.newestOf(versions, "14")).isEmpty();
    }

    @Test
    void anAwsErrorIsOneLineWithAdviceAndNoStackTrace() {
        aws.query("DescribeAvailabilityZones", Answer.ec2Error(403, "UnauthorizedOperation",
                "You are not authorized to perform this operation."));

        OpsRun run = OpsRun.of(aws.with("rds", "azs"));

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().strip()).hasLineCount(1)
                .startsWith("cruddur: Ec2 UnauthorizedOperation: You are not authorized")
                .contains("IAM permission");
        assertThat(run.printed()).doesNotContain("at software.amazon", "Exception");
    }

    private static String engineVersionsPage(String marker, String... versions) {
        StringBuilder items = new StringBuilder();
        for (String version : versions) {
            String family = "postgres" + version.substring(0, version.indexOf('.'));
            items.append("""
                    <DBEngineVersion><Engine>postgres</Engine><EngineVersion>%s</EngineVersion>
                      <DBParameterGroupFamily>%s</DBParameterGroupFamily>
                      <DBEngineVersionDescription>PostgreSQL %s</DBEngineVersionDescription></DBEngineVersion>
                    """.formatted(version, family, version));
        }
        return RdsXml.page("DescribeDBEngineVersions", "DBEngineVersions", marker, items.toString());
    }
}
