package dev.cruddur.ops.deployment;

import dev.cruddur.ops.cost.PublicAddress;
import dev.cruddur.ops.output.Printer;
import java.util.List;

/** The status as people read it: one section per part, each a few "name: value" lines or a table. */
final class StatusText {

    private final Printer printer;

    StatusText(Printer printer) {
        this.printer = printer;
    }

    void print(DeploymentStatusCommand.Status status) {
        section("Database (" + status.region() + ")");
        printer.record(status.database());
        section("Your access to it");
        printer.record(status.access());
        section("User pool");
        DeploymentStatusCommand.UserPool pool = status.userPool();
        printer.record(new PoolLines(pool.userPoolId(), pool.status(), pool.name(),
                pool.triggers().stream().map(t -> t.trigger() + " -> " + t.functionName()).toList()));
        section("Functions");
        if (status.functions().isEmpty()) {
            printer.say("none found (no function runs a Cruddur handler here)");
        } else {
            printer.rows(status.functions(), DeploymentStatusCommand.FunctionState.class);
        }
        section("Budget");
        printer.record(status.budget());
        section("Public IPv4 addresses");
        DeploymentStatusCommand.PublicIpv4 ipv4 = status.publicIpv4();
        if (!ipv4.status().equals("found")) {
            printer.say(ipv4.status());
        } else if (ipv4.addresses().isEmpty()) {
            printer.say("none in " + ipv4.region() + ": no public IPv4 charges");
        } else {
            printer.rows(ipv4.addresses().stream().map(a -> new AddressLine(a.publicIp(), a.kind(), a.resource(),
                    "$" + a.usdPerMonth())).toList(), AddressLine.class);
            printer.say(ipv4.count() + (ipv4.count() == 1 ? " address" : " addresses") + ": $" + ipv4.usdPerMonth()
                    + " a month; `cruddur cost ipv4` says how to stop paying for each.");
        }
    }

    private void section(String title) {
        printer.say("");
        printer.say("== " + title);
    }

    /** The pool with its triggers as "PreSignUp -> function" lines. */
    private record PoolLines(String userPoolId, String status, String name, List<String> triggers) {
    }

    /** One address, shortened from {@link PublicAddress} to what fits on a status screen. */
    private record AddressLine(String publicIp, String kind, String heldBy, String perMonth) {
    }
}
