package dev.cruddur.error;

import java.util.List;
import java.util.stream.Collectors;

/** Input that breaks the rules of a use case; nothing has been written. */
public final class ValidationException extends RuntimeException {

    private final transient List<Violation> violations;

    public ValidationException(List<Violation> violations) {
        super(violations.stream().map(Violation::message).collect(Collectors.joining(" ")));
        if (violations.isEmpty()) {
            throw new IllegalArgumentException("a validation failure needs at least one violation");
        }
        this.violations = List.copyOf(violations);
    }

    public ValidationException(String code, String field, String message) {
        this(List.of(new Violation(code, field, message)));
    }

    public List<Violation> violations() {
        return violations;
    }
}
