package dev.cruddur.user;

/**
 * The outcome of registering a person.
 *
 * @param created false when the row already existed (a trigger that fired again, a retry, the
 *                forgot-password confirmation): the existing row is returned unchanged
 */
public record Registration(User user, boolean created) {
}
