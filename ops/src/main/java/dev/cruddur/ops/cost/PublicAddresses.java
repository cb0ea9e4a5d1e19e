package dev.cruddur.ops.cost;

import dev.cruddur.ops.aws.AwsErrors;
import dev.cruddur.ops.rds.DbInstances;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Address;
import software.amazon.awssdk.services.ec2.model.NatGateway;
import software.amazon.awssdk.services.ec2.model.NatGatewayAddress;
import software.amazon.awssdk.services.ec2.model.NetworkInterfaceType;
import software.amazon.awssdk.services.ec2.model.GroupIdentifier;
import software.amazon.awssdk.services.ec2.model.NetworkInterface;
import software.amazon.awssdk.services.ec2.model.NetworkInterfaceAssociation;
import software.amazon.awssdk.services.ec2.model.NetworkInterfacePrivateIpAddress;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.VpcSecurityGroupMembership;

/**
 * Finds the public IPv4 addresses of a region and what holds each: the Elastic IPs
 * ({@code DescribeAddresses}) and the public IPs AWS assigned to network interfaces
 * ({@code DescribeNetworkInterfaces}, every page). An Elastic IP associated with an interface
 * shows up in both answers; it is counted once, as an Elastic IP, named after its interface.
 * The region's NAT gateways ({@code DescribeNatGateways}) name the interfaces they own and are
 * reported for their own hourly charge. Nothing AWS manages or that is in use is ever advised
 * for release.
 */
public final class PublicAddresses {

    /** What RDS puts on the network interfaces it creates for a DB instance. */
    static final String RDS_REQUESTER = "amazon-rds";
    static final String RDS_DESCRIPTION = "RDSNetworkInterface";

    /** NAT gateways in these states are billed; failed and deleted ones are not. */
    private static final Set<String> BILLED_NAT_STATES = Set.of("pending", "available", "deleting");

    /** The addresses and NAT gateways found, and what could not be found out (printed as notes). */
    public record Found(List<PublicAddress> addresses, List<NatGatewayCharge> natGateways, List<String> notes) {
    }

    private final String region;
    private final Ec2Client ec2;
    private final Supplier<RdsClient> rds;
    private final List<String> notes = new ArrayList<>();
    private List<DbInstanceNetwork> dbInstances;
    private Map<String, NatGatewayCharge> natGatewaysByInterface = Map.of();

    /** @param rds asked only when an RDS interface holds a public address */
    public PublicAddresses(String region, Ec2Client ec2, Supplier<RdsClient> rds) {
        this.region = region;
        this.ec2 = ec2;
        this.rds = rds;
    }

    public Found find() {
        List<Address> elasticIps = ec2.describeAddresses().addresses().stream()
                .filter(address -> address.publicIp() != null)
                .toList();
        Map<String, NetworkInterface> interfaces = new LinkedHashMap<>();
        ec2.describeNetworkInterfacesPaginator().networkInterfaces()
                .forEach(eni -> interfaces.put(eni.networkInterfaceId(), eni));
        List<NatGatewayCharge> natGateways = natGateways();

        List<PublicAddress> found = new ArrayList<>();
        Set<String> counted = new LinkedHashSet<>();
        for (Address eip : elasticIps) {
            counted.add(eip.publicIp());
            found.add(elasticIp(eip, Optional.ofNullable(eip.networkInterfaceId()).map(interfaces::get)));
        }
        for (NetworkInterface eni : interfaces.values()) {
            for (NetworkInterfaceAssociation association : associations(eni)) {
                // An Elastic IP is listed by DescribeAddresses already (and carries an allocation id here).
                if (association.allocationId() != null || !counted.add(association.publicIp())) {
                    continue;
                }
                Holder holder = holder(eni);
                found.add(address(association.publicIp(), "public IP", holder.name(), eni.networkInterfaceId(),
                        holder.advice()));
            }
        }
        return new Found(List.copyOf(found), natGateways, List.copyOf(notes));
    }

    private PublicAddress address(String publicIp, String kind, String resource, String networkInterface, String advice) {
        return new PublicAddress(region, publicIp, kind, resource, networkInterface, Ipv4Price.monthly(1), advice);
    }

    private PublicAddress elasticIp(Address eip, Optional<NetworkInterface> eni) {
        String interfaceId = Objects.requireNonNullElse(eip.networkInterfaceId(), "-");
        if (eip.serviceManaged() != null) {
            return serviceManaged(eip, eni);
        }
        if (eni.isPresent()) {
            Holder holder = holder(eni.get());
            // Stopping an instance does not stop an Elastic IP's bill; only releasing it does.
            String advice = holder.advice().equals("-") || holder.ec2Instance()
                    ? "release it when " + holder.name() + " no longer needs a fixed address (billed even while stopped)"
                    : holder.advice();
            return address(eip.publicIp(), "Elastic IP", holder.name(), interfaceId, advice);
        }
        if (eip.instanceId() != null) {
            return address(eip.publicIp(), "Elastic IP", "EC2 instance " + eip.instanceId(), interfaceId,
                    "release it when the instance no longer needs a fixed address (billed even while stopped)");
        }
        if (eip.associationId() != null || eip.networkInterfaceId() != null) {
            // Associated, but with an interface this account cannot list here (another account's, a service's).
            String owner = eip.networkInterfaceOwnerId() == null ? "" : " of account " + eip.networkInterfaceOwnerId();
            return address(eip.publicIp(), "Elastic IP", "network interface " + interfaceId + owner + " (not listed here)",
                    interfaceId, "in use: find what holds " + interfaceId + " before releasing anything");
        }
        String release = eip.allocationId() == null ? "release it (`aws ec2 release-address --public-ip " + eip.publicIp() + "`)"
                : "release it (`aws ec2 release-address --allocation-id " + eip.allocationId() + "`)";
        return address(eip.publicIp(), "Elastic IP", "not attached", "-", release);
    }

    /** An address AWS allocated and manages for a service: only its owner can let it go. */
    private PublicAddress serviceManaged(Address eip, Optional<NetworkInterface> eni) {
        String owner = switch (eip.serviceManagedAsString()) {
            case "alb" -> "an Application Load Balancer";
            case "nlb" -> "a Network Load Balancer";
            case "rnat" -> "a regional NAT gateway";
            case "rds" -> "RDS";
            default -> "the AWS service " + eip.serviceManagedAsString();
        };
        String detail = eni.map(NetworkInterface::description).filter(d -> !d.isBlank())
                .map(d -> " (" + (d.startsWith("ELB ") ? d.substring(4) : d) + ")").orElse("");
        return address(eip.publicIp(), "Elastic IP", "managed by AWS for " + owner + detail,
                Objects.requireNonNullElse(eip.networkInterfaceId(), "-"),
                "you cannot release it: it is billed until " + owner + " that holds it is deleted or changed");
    }

    /** The region's NAT gateways that bill, by the interfaces they own; denied or failing, a note. */
    private List<NatGatewayCharge> natGateways() {
        List<NatGatewayCharge> billed = new ArrayList<>();
        Map<String, NatGatewayCharge> byInterface = new LinkedHashMap<>();
        try {
            for (NatGateway gateway : ec2.describeNatGatewaysPaginator(r -> { }).natGateways()) {
                if (!BILLED_NAT_STATES.contains(gateway.stateAsString())) {
                    continue;
                }
                NatGatewayCharge charge = NatGatewayCharge.of(region, gateway.natGatewayId(),
                        Objects.requireNonNullElse(gateway.connectivityTypeAsString(), "public"), gateway.stateAsString());
                billed.add(charge);
                for (NatGatewayAddress address : gateway.natGatewayAddresses()) {
                    if (address.networkInterfaceId() != null) {
                        byInterface.put(address.networkInterfaceId(), charge);
                    }
                }
            }
        } catch (SdkException e) {
            notes.add("Could not list the NAT gateways (their own hourly charge is not shown): " + AwsErrors.describe(e));
        }
        natGatewaysByInterface = byInterface;
        return List.copyOf(billed);
    }

    /** The primary association and those of secondary private addresses, each public address once. */
    private static Collection<NetworkInterfaceAssociation> associations(NetworkInterface eni) {
        Map<String, NetworkInterfaceAssociation> byIp = new LinkedHashMap<>();
        Stream.concat(Stream.ofNullable(eni.association()),
                        eni.privateIpAddresses().stream().map(NetworkInterfacePrivateIpAddress::association))
                .filter(association -> association != null && association.publicIp() != null)
                .forEach(association -> byIp.putIfAbsent(association.publicIp(), association));
        return byIp.values();
    }

    /** What holds an interface, in words, and what to do about its address. */
    private record Holder(String name, String advice, boolean ec2Instance) {

        Holder(String name, String advice) {
            this(name, advice, false);
        }
    }

    private Holder holder(NetworkInterface eni) {
        if (RDS_REQUESTER.equals(eni.requesterId()) || RDS_DESCRIPTION.equals(eni.description())) {
            return rdsHolder(eni);
        }
        String description = Objects.requireNonNullElse(eni.description(), "");
        if (eni.attachment() != null && eni.attachment().instanceId() != null) {
            return new Holder("EC2 instance " + eni.attachment().instanceId(),
                    "stop the instance when idle, or run it without a public IP (private subnet, no auto-assign)", true);
        }
        String type = Objects.requireNonNullElse(eni.interfaceTypeAsString(), "interface");
        if (type.equals(NetworkInterfaceType.NAT_GATEWAY.toString())) {
            String gateway = Optional.ofNullable(natGatewaysByInterface.get(eni.networkInterfaceId()))
                    .map(NatGatewayCharge::name)
                    .orElseGet(() -> "NAT gateway " + description.replaceFirst("^Interface for NAT Gateway ", ""));
            return new Holder(gateway, "in use: delete the NAT gateway when idle, then release the address");
        }
        if (description.startsWith("ELB ")) {
            return new Holder("load balancer " + description.substring(4), "-");
        }
        return new Holder(description.isBlank() ? type + " " + eni.networkInterfaceId() : description, "-");
    }

    private Holder rdsHolder(NetworkInterface eni) {
        List<DbInstanceNetwork> matches = dbInstances().stream().filter(db -> db.holds(eni)).toList();
        if (matches.isEmpty()) {
            return new Holder("RDS network interface (DB instance not identified)",
                    "find the RDS instance in this VPC and turn its public access off when not connecting from outside");
        }
        if (matches.size() > 1) {
            return new Holder("RDS: one of " + matches.stream().map(DbInstanceNetwork::identifier).collect(Collectors.joining(", ")),
                    "turn public access off on the ones not reached from outside: "
                            + "`cruddur rds public-access off --db-instance-identifier ID`");
        }
        DbInstanceNetwork db = matches.get(0);
        String name = "RDS DB instance " + db.identifier() + (db.publiclyAccessible() ? " (publicly accessible)" : " (not publicly accessible)");
        return new Holder(name, db.publiclyAccessible()
                ? "turn public access off when not connecting from outside: "
                        + "`cruddur rds public-access off --db-instance-identifier " + db.identifier() + "`"
                : "-");
    }

    /** The region's DB instances, read once, only when an RDS interface needs naming. */
    private List<DbInstanceNetwork> dbInstances() {
        if (dbInstances == null) {
            try {
                dbInstances = DbInstances.all(rds.get()).stream().map(DbInstanceNetwork::of).toList();
            } catch (SdkException e) {
                // The addresses and their cost are still right; only the name is missing.
                notes.add("Could not confirm the RDS interfaces against RDS: " + AwsErrors.describe(e));
                dbInstances = List.of();
            }
        }
        return dbInstances;
    }

    /** Where a DB instance's network interfaces can be: its VPC, its subnet group's subnets, its security groups. */
    record DbInstanceNetwork(String identifier, boolean publiclyAccessible, String vpcId, Set<String> subnetIds,
                             Set<String> securityGroupIds) {

        static DbInstanceNetwork of(DBInstance db) {
            var subnetGroup = db.dbSubnetGroup();
            return new DbInstanceNetwork(db.dbInstanceIdentifier(), Boolean.TRUE.equals(db.publiclyAccessible()),
                    subnetGroup == null ? null : subnetGroup.vpcId(),
                    subnetGroup == null ? Set.of() : subnetGroup.subnets().stream()
                            .map(software.amazon.awssdk.services.rds.model.Subnet::subnetIdentifier)
                            .collect(Collectors.toSet()),
                    db.vpcSecurityGroups().stream().map(VpcSecurityGroupMembership::vpcSecurityGroupId)
                            .collect(Collectors.toSet()));
        }

        /** An RDS interface belongs to the instance in the same VPC and subnet with a security group in common. */
        boolean holds(NetworkInterface eni) {
            Set<String> eniGroups = eni.groups().stream().map(GroupIdentifier::groupId).collect(Collectors.toSet());
            return Objects.equals(vpcId, eni.vpcId())
                    && subnetIds.contains(eni.subnetId())
                    && eniGroups.stream().anyMatch(securityGroupIds::contains);
        }
    }
}
