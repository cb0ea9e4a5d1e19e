package dev.cruddur.testkit.account;

/**
 * Where a test finds the confirmation code the development identity provider sent to an email,
 * as a person finds it in their mail: the codes an in-process server recorded, or the output of
 * a {@code cruddur serve} process.
 */
@FunctionalInterface
public interface ConfirmationCodes {

    /** The latest confirmation code sent to {@code email}; may wait for it to arrive. */
    String latest(String email) throws InterruptedException;
}
