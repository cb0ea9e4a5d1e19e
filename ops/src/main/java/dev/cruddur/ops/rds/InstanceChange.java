package dev.cruddur.ops.rds;

/**
 * What a changing {@code rds} command did to one instance, printed as its result so that
 * {@code --output json} always has a document on standard output, also when nothing was sent.
 *
 * @param change what happened, e.g. {@code stop requested}, {@code already stopped}, {@code would stop (dry run)}
 * @param state  the instance's state as last seen ({@code gone} once deleted)
 */
record InstanceChange(String identifier, String change, String state) {
}
