package dev.cruddur.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolPostConfirmationEvent;
import dev.cruddur.error.ValidationException;
import dev.cruddur.error.Violation;
import dev.cruddur.user.Registration;
import dev.cruddur.user.UserAttributes;
import dev.cruddur.user.UserRegistration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cognito Post Confirmation trigger: the confirmed person becomes a row in {@code users}.
 *
 * <p>Cognito fires it on {@code PostConfirmation_ConfirmSignUp} and again on
 * {@code PostConfirmation_ConfirmForgotPassword}, and retries it; registration is idempotent
 * on the {@code sub}, so every one of those is the same call and leaves one row. Failures are
 * thrown, never swallowed: Cognito then reports {@code PostConfirmation failed with error …}
 * to the app, instead of the person being confirmed and silently missing from the database.
 */
public final class PostConfirmationHandler
        implements RequestHandler<CognitoUserPoolPostConfirmationEvent, CognitoUserPoolPostConfirmationEvent>, AutoCloseable {

    static final String FORGOT_PASSWORD = "PostConfirmation_ConfirmForgotPassword";

    private static final Logger LOG = LoggerFactory.getLogger(PostConfirmationHandler.class);

    private final ReusedConnection connection;
    private final UserRegistration registration;

    /** What Lambda calls: configured from the function's environment variables. */
    public PostConfirmationHandler() {
        this(System.getenv());
    }

    /** For tests and tools: the environment is given, not read from the process. */
    public PostConfirmationHandler(Map<String, String> environment) {
        this.connection = Triggers.connection(environment);
        this.registration = Triggers.registration(connection);
    }

    @Override
    public CognitoUserPoolPostConfirmationEvent handleRequest(CognitoUserPoolPostConfirmationEvent event, Context context) {
        String trigger = event.getTriggerSource();
        UserAttributes attributes = UserAttributes.fromCognito(
                event.getRequest() == null ? null : event.getRequest().getUserAttributes());
        String who = trigger + " " + attributes + " request=" + Triggers.requestId(context);
        Registration result;
        try {
            result = registration.register(attributes);
        } catch (ValidationException e) {
            LOG.warn("{} outcome=rejected {}", who, e.violations().stream().map(Violation::code).toList());
            throw e;
        } catch (RuntimeException e) {
            TriggerFailedException failure = TriggerFailedException.of("save your account", e);
            LOG.error("{} outcome=failed {}", who, TriggerFailedException.describe(e));
            throw failure;
        }
        if (FORGOT_PASSWORD.equals(trigger)) {
            // A password reset only needs the row to exist; a missing one means an earlier
            // sign-up trigger failed, and this is the moment to repair it.
            LOG.info("{} outcome={}", who, result.created() ? "created (the row was missing)" : "present");
        } else {
            LOG.info("{} outcome={}", who, result.created() ? "created" : "already registered");
        }
        return event;
    }

    /** Closes the kept connection. Lambda never calls this: it discards the whole container. */
    @Override
    public void close() {
        connection.close();
    }
}
