package dev.cruddur.ops.rds;

import static dev.cruddur.ops.AwsStub.queryResponse;

import dev.cruddur.ops.AwsStub.Answer;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;

/** RDS Query-protocol answers shaped as AWS sends them (member lists named as in the RDS API). */
public final class RdsXml {

    private static final String NS = "http://rds.amazonaws.com/doc/2014-10-31/";

    public static final String ID = "cruddur-db-instance";
    public static final String SECRET_ARN = "arn:aws:secretsmanager:us-east-1:123456789012:secret:rds!db-3f1a-AbCdEf";
    public static final String HOST = "cruddur-db-instance.abc123xyz.us-east-1.rds.amazonaws.com";

    /** The tags of an instance Cruddur made and marked to keep stopped ({@code rds keep-stopped --mark}). */
    public static final Map<String, String> MARKED =
            Map.of("cruddur:managed-by", "cruddur", "cruddur:keep-stopped", "true");

    /** RDS's message for AWS starting an instance that was stopped for 7 days (RDS-EVENT-0154). */
    public static final String AUTO_START =
            "DB instance is being started due to it exceeding the maximum allowed time being stopped.";

    private RdsXml() {
    }

    /** RDS's answer for an instance that is not there. */
    public static Answer notFound(String id) {
        return Answer.queryError(404, "DBInstanceNotFound", "DBInstance " + id + " not found.");
    }

    /** A DB instance of the seed's shape in {@code state}. */
    public static Instance instance(String state) {
        return new Instance(ID, state, false, Map.of("cruddur:managed-by", "cruddur"), "sg-0aaa1111", 5432, "IPV4");
    }

    /** {@code networkType} is RDS's NetworkType: IPV4, or DUAL for an instance with an IPv6 address too. */
    public record Instance(String id, String state, boolean publiclyAccessible, Map<String, String> tags,
                           String securityGroup, int port, String networkType) {

        public Instance withId(String newId) {
            return new Instance(newId, state, publiclyAccessible, tags, securityGroup, port, networkType);
        }

        public Instance withTags(Map<String, String> newTags) {
            return new Instance(id, state, publiclyAccessible, newTags, securityGroup, port, networkType);
        }

        public Instance publiclyAccessible(boolean value) {
            return new Instance(id, state, value, tags, securityGroup, port, networkType);
        }

        public Instance withSecurityGroups(String groups) {
            return new Instance(id, state, publiclyAccessible, tags, groups, port, networkType);
        }

        public Instance withPort(int newPort) {
            return new Instance(id, state, publiclyAccessible, tags, securityGroup, newPort, networkType);
        }

        public Instance withNetworkType(String type) {
            return new Instance(id, state, publiclyAccessible, tags, securityGroup, port, type);
        }

        /** The {@code <DBInstance>} element. */
        public String xml() {
            String endpoint = state.equals("creating") ? "" : """
                    <Endpoint><Address>%s</Address><Port>%d</Port><HostedZoneId>Z2R2ITUGPM61AM</HostedZoneId></Endpoint>"""
                    .formatted(HOST.replace(ID, id), port);
            String tagXml = tags.entrySet().stream()
                    .map(e -> "<Tag><Key>" + e.getKey() + "</Key><Value>" + e.getValue() + "</Value></Tag>")
                    .collect(Collectors.joining());
            String groups = Arrays.stream(securityGroup.split(","))
                    .map(g -> "<VpcSecurityGroupMembership><VpcSecurityGroupId>" + g
                            + "</VpcSecurityGroupId><Status>active</Status></VpcSecurityGroupMembership>")
                    .collect(Collectors.joining());
            return """
                    <DBInstance>
                      <DBInstanceIdentifier>%s</DBInstanceIdentifier>
                      <DBInstanceClass>db.t3.micro</DBInstanceClass>
                      <Engine>postgres</Engine>
                      <DBInstanceStatus>%s</DBInstanceStatus>
                      <MasterUsername>cruddurroot</MasterUsername>
                      <DBName>cruddur</DBName>
                      %s
                      <AllocatedStorage>20</AllocatedStorage>
                      <VpcSecurityGroups>%s</VpcSecurityGroups>
                      <AvailabilityZone>us-east-1a</AvailabilityZone>
                      <MultiAZ>false</MultiAZ>
                      <EngineVersion>16.3</EngineVersion>
                      <PubliclyAccessible>%s</PubliclyAccessible>
                      <StorageType>gp2</StorageType>
                      <StorageEncrypted>true</StorageEncrypted>
                      <DBInstanceArn>arn:aws:rds:us-east-1:123456789012:db:%s</DBInstanceArn>
                      <TagList>%s</TagList>
                      <MasterUserSecret><SecretArn>%s</SecretArn><SecretStatus>active</SecretStatus>
                        <KmsKeyId>arn:aws:kms:us-east-1:123456789012:key/aws-secretsmanager</KmsKeyId></MasterUserSecret>
                      <NetworkType>%s</NetworkType>
                    </DBInstance>""".formatted(id, state, endpoint, groups, publiclyAccessible, id, tagXml, SECRET_ARN, networkType);
        }
    }

    public static String describe(Instance... instances) {
        return page("DescribeDBInstances", "DBInstances", null, Arrays.stream(instances).map(Instance::xml).toArray(String[]::new));
    }

    /**
     * A page of an RDS answer that lists {@code items} in the element {@code list}, as every
     * Describe call answers; {@code marker} is null on the last page.
     */
    public static String page(String action, String list, String marker, String... items) {
        return queryResponse(NS, action, "<%1$s>%2$s</%1$s>%3$s".formatted(list, String.join("", items),
                marker == null ? "" : "<Marker>" + marker + "</Marker>"), "p1");
    }

    /** The answer of a mutating call, e.g. {@code result("StopDBInstance", instance("stopping"))}. */
    public static String result(String action, Instance instance) {
        return queryResponse(NS, action, instance.xml(), "m1");
    }

    /** An answer with no result body (AddTagsToResource, RemoveTagsFromResource). */
    public static String empty(String action) {
        return queryResponse(NS, action, null, "e1");
    }

    /** One {@code <Event>} of DescribeEvents. */
    public static String event(String id, String message, String date) {
        return """
                <Event><SourceIdentifier>%s</SourceIdentifier><SourceType>db-instance</SourceType>
                  <Message>%s</Message><EventCategories><EventCategory>notification</EventCategory></EventCategories>
                  <Date>%s</Date><SourceArn>arn:aws:rds:us-east-1:123456789012:db:%s</SourceArn></Event>"""
                .formatted(id, message, date, id);
    }

    public static String events(String... events) {
        return page("DescribeEvents", "Events", null, events);
    }

    /** DescribeDBEngineVersions with the given postgres versions. */
    public static String engineVersions(String... versions) {
        return page("DescribeDBEngineVersions", "DBEngineVersions", null, Arrays.stream(versions).map(version -> """
                <DBEngineVersion><Engine>postgres</Engine><EngineVersion>%s</EngineVersion>\
                <DBParameterGroupFamily>postgres%s</DBParameterGroupFamily></DBEngineVersion>"""
                .formatted(version, version.substring(0, version.indexOf('.')))).toArray(String[]::new));
    }

    /**
     * One {@code <OrderableDBInstanceOption>} of DescribeOrderableDBInstanceOptions for postgres in a
     * VPC, with the fields RDS sends for it (storage limits as RDS gives them for gp2/gp3).
     */
    public static String orderable(String instanceClass, String version, String storageType, String... zones) {
        String azs = Arrays.stream(zones).map(zone -> "<AvailabilityZone><Name>" + zone + "</Name></AvailabilityZone>")
                .collect(Collectors.joining());
        return """
                <OrderableDBInstanceOption>
                  <Engine>postgres</Engine><EngineVersion>%s</EngineVersion><DBInstanceClass>%s</DBInstanceClass>
                  <LicenseModel>postgresql-license</LicenseModel>
                  <AvailabilityZones>%s</AvailabilityZones>
                  <MultiAZCapable>true</MultiAZCapable><ReadReplicaCapable>true</ReadReplicaCapable><Vpc>true</Vpc>
                  <SupportsStorageEncryption>true</SupportsStorageEncryption><StorageType>%s</StorageType>
                  <SupportsIops>false</SupportsIops><SupportsStorageThroughput>false</SupportsStorageThroughput>
                  <SupportsEnhancedMonitoring>true</SupportsEnhancedMonitoring>
                  <SupportsIAMDatabaseAuthentication>true</SupportsIAMDatabaseAuthentication>
                  <SupportsPerformanceInsights>true</SupportsPerformanceInsights>
                  <MinStorageSize>20</MinStorageSize><MaxStorageSize>6144</MaxStorageSize>
                  <SupportedEngineModes><member>provisioned</member></SupportedEngineModes>
                  <SupportsStorageAutoscaling>true</SupportsStorageAutoscaling>
                  <SupportsKerberosAuthentication>true</SupportsKerberosAuthentication>
                  <OutpostCapable>false</OutpostCapable><SupportsGlobalDatabases>false</SupportsGlobalDatabases>
                  <SupportedNetworkTypes><member>IPV4</member><member>DUAL</member></SupportedNetworkTypes>
                  <SupportsClusters>false</SupportsClusters><SupportsDedicatedLogVolume>false</SupportsDedicatedLogVolume>
                </OrderableDBInstanceOption>""".formatted(version, instanceClass, azs, storageType);
    }

    /** A page of DescribeOrderableDBInstanceOptions; {@code marker} is null on the last page. */
    public static String orderableOptions(String marker, String... options) {
        return page("DescribeOrderableDBInstanceOptions", "OrderableDBInstanceOptions", marker, options);
    }
}
