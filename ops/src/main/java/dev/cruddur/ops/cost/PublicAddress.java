package dev.cruddur.ops.cost;

/**
 * One public IPv4 address AWS bills for, as printed by {@code cost ipv4}.
 *
 * @param kind             {@code Elastic IP} (allocated to the account, billed even when idle) or
 *                         {@code public IP} (assigned by AWS to a network interface, gone with it)
 * @param resource         what holds the address, in words: the DB instance, the EC2 instance,
 *                         the NAT gateway, or "not attached"
 * @param networkInterface the ENI it is on, "-" for an Elastic IP that is not attached
 * @param advice           what to do to stop paying for it; "-" when there is nothing to suggest
 */
record PublicAddress(String publicIp, String kind, String resource, String networkInterface, String advice) {
}
