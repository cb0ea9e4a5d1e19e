package dev.cruddur.error;

/**
 * One thing wrong with the input: a machine-readable {@code code} (such as
 * {@code message_blank}), the field it concerns, and a sentence a person can read.
 */
public record Violation(String code, String field, String message) {
}
