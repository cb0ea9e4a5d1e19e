package dev.cruddur.ops.cost;

/**
 * A NAT gateway that exists, public or private: AWS bills it by the hour and per gigabyte
 * processed, on top of any address it holds, so {@code cost ipv4} names it even when it holds
 * no public address.
 */
record NatGatewayCharge(String region, String natGatewayId, String connectivityType, String state, String advice) {

    /** The us-east-1 list price; other regions differ, so it is quoted as an example, not summed. */
    static final String US_EAST_1_PER_HOUR = "$0.045";

    static NatGatewayCharge of(String region, String id, String connectivityType, String state) {
        return new NatGatewayCharge(region, id, connectivityType, state,
                "delete it when idle (`aws ec2 delete-nat-gateway --nat-gateway-id " + id + "`)");
    }

    /** "NAT gateway nat-0abc (public)". */
    String name() {
        return "NAT gateway " + natGatewayId + " (" + connectivityType + ")";
    }

    String sentence() {
        return name() + " is billed by the hour" + ("public".equals(connectivityType) ? " on top of its address" : "")
                + " (" + US_EAST_1_PER_HOUR + "/hour in us-east-1, plus each GB it processes; other regions differ): "
                + advice + ".";
    }
}
