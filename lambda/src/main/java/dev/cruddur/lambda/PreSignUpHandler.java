package dev.cruddur.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolPreSignUpEvent;
import dev.cruddur.error.ValidationException;
import dev.cruddur.error.Violation;
import dev.cruddur.user.UserAttributes;
import dev.cruddur.user.UserRegistration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cognito Pre Sign-up trigger: refuses a malformed or already-taken handle
 * ({@code preferred_username}) before the account exists, so nobody confirms an account that
 * Post Confirmation could not register. Throwing is how a trigger says no: Cognito answers the
 * sign-up with {@code PreSignUp failed with error <message>.}
 *
 * <p>The event goes back unchanged: nobody is auto-confirmed or auto-verified here.
 */
public final class PreSignUpHandler
        implements RequestHandler<CognitoUserPoolPreSignUpEvent, CognitoUserPoolPreSignUpEvent>, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PreSignUpHandler.class);

    private final ReusedConnection connection;
    private final UserRegistration registration;

    /** What Lambda calls: configured from the function's environment variables. */
    public PreSignUpHandler() {
        this(System.getenv());
    }

    /** For tests and tools: the environment is given, not read from the process. */
    public PreSignUpHandler(Map<String, String> environment) {
        this.connection = Triggers.connection(environment);
        this.registration = Triggers.registration(connection);
    }

    @Override
    public CognitoUserPoolPreSignUpEvent handleRequest(CognitoUserPoolPreSignUpEvent event, Context context) {
        UserAttributes attributes = UserAttributes.fromCognito(
                event.getRequest() == null ? null : event.getRequest().getUserAttributes());
        String who = event.getTriggerSource() + " " + attributes + " request=" + Triggers.requestId(context);
        try {
            registration.checkSignUp(attributes);
        } catch (ValidationException e) {
            LOG.info("{} outcome=rejected {}", who, e.violations().stream().map(Violation::code).toList());
            throw e;
        } catch (RuntimeException e) {
            TriggerFailedException failure = TriggerFailedException.of("check the username", e);
            LOG.error("{} outcome=failed {}", who, TriggerFailedException.describe(e));
            throw failure;
        }
        LOG.info("{} outcome=accepted", who);
        return event;
    }

    /** Closes the kept connection. Lambda never calls this: it discards the whole container. */
    @Override
    public void close() {
        connection.close();
    }
}
