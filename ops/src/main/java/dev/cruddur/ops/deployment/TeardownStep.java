package dev.cruddur.ops.deployment;

import dev.cruddur.ops.aws.Changes;

/**
 * One deletion of a teardown, planned from what the read calls found, and carried out later.
 *
 * @param action what is done, e.g. {@code delete function}
 * @param target what it is done to
 * @param detail what people need to recognise it
 */
record TeardownStep(String action, String target, String detail, Deletion deletion) {

    /** The outcome under --dry-run: the request was printed, not sent. */
    static final String DRY_RUN = "dry run, not sent";
    static final String DONE = "done";
    /** The resource went away between the plan and the step: what the step wanted already holds. */
    static final String ALREADY_GONE = "already gone";

    /** Carries out the step through {@code changes}, and says how it went. */
    @FunctionalInterface
    interface Deletion {
        String run(Changes changes);
    }

    /** The step as printed. */
    record Line(int order, String action, String target, String detail) {
    }

    /** The step and how it went, as printed. */
    record Outcome(int order, String action, String target, String outcome) {
    }

    /** {@link #DONE} when a response came back, {@link #DRY_RUN} when the request was only printed. */
    static String sent(java.util.Optional<?> response) {
        return response.isPresent() ? DONE : DRY_RUN;
    }
}
