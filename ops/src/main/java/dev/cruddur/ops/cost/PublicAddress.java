package dev.cruddur.ops.cost;

import java.math.BigDecimal;

/**
 * One public IPv4 address AWS bills for, as printed by {@code cost ipv4}.
 *
 * @param region           where it is
 * @param kind             {@code Elastic IP} (allocated to the account, billed even when idle) or
 *                         {@code public IP} (assigned by AWS to a network interface, gone with it)
 * @param resource         who really holds the address, in words: the DB instance, the EC2 instance,
 *                         the NAT gateway, the AWS service that manages it, or "not attached"
 * @param networkInterface the ENI it is on, "-" when it is on none this account can see
 * @param usdPerMonth      what the address alone costs a month
 * @param advice           what to do to stop paying for it; "-" when there is nothing to suggest
 */
public record PublicAddress(String region, String publicIp, String kind, String resource, String networkInterface,
                     BigDecimal usdPerMonth, String advice) {
}
