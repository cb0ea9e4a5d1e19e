package dev.cruddur.activity;

import dev.cruddur.error.ValidationException;
import dev.cruddur.error.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/** Posts a crud for the signed-in user: 1–280 characters that self-destruct after a chosen time. */
public final class PostCrud {

    public static final int MAX_CODE_POINTS = 280;

    private final Jdbi jdbi;

    public PostCrud(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /**
     * @param authorUuid the {@code users.uuid} of the signed-in user — the only author a crud can have
     * @param ttl        one of {@link Ttl#codes()}; required, there is no default
     * @throws ValidationException listing every problem with the input at once
     */
    public Activity post(UUID authorUuid, String message, String ttl) {
        List<Violation> violations = new ArrayList<>();
        String text = null;
        try {
            text = MessageText.validate(message, "message", MAX_CODE_POINTS);
        } catch (ValidationException e) {
            violations.addAll(e.violations());
        }
        Optional<Ttl> lifetime = Ttl.fromCode(ttl);
        if (lifetime.isEmpty()) {
            violations.add(new Violation("ttl_invalid", "ttl",
                    "Choose when the crud expires: one of " + String.join(", ", Ttl.codes()) + "."));
        }
        if (!violations.isEmpty()) {
            throw new ValidationException(violations);
        }
        String validText = text;
        long seconds = lifetime.get().duration().toSeconds();
        return jdbi.withHandle(h -> new ActivityDao(h).insertCrud(authorUuid, validText, seconds));
    }
}
