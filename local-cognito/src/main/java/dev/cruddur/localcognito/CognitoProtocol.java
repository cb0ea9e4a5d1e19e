package dev.cruddur.localcognito;

import dev.cruddur.database.DatabaseUnavailable;
import dev.cruddur.text.LogSafe;
import io.javalin.http.Context;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /local-cognito}: Cognito's user-pool JSON protocol. The action is named by the
 * {@code X-Amz-Target: AWSCognitoIdentityProviderService.<Action>} header, the body is JSON.
 * Every answer, errors included, is in that protocol's shape, so the AWS SDKs (and the web UI)
 * talk to this exactly as to Cognito.
 */
final class CognitoProtocol {

    private static final Logger log = LoggerFactory.getLogger(CognitoProtocol.class);
    private static final String TARGET_PREFIX = "AWSCognitoIdentityProviderService.";

    /** One action: whether its request carries the app client id, and what it does. */
    private record Action(boolean hasClientId, Function<AmzRequest, Object> run) {
    }

    private final Map<String, Action> actions;
    private final AmzJson json = new AmzJson();

    CognitoProtocol(SignUpFlow signUp, PasswordResetFlow passwordReset, SignInFlow signIn, SignOutFlow signOut) {
        this.actions = Map.of(
                "SignUp", new Action(true, signUp::signUp),
                "ConfirmSignUp", new Action(true, signUp::confirmSignUp),
                "ResendConfirmationCode", new Action(true, signUp::resendConfirmationCode),
                "InitiateAuth", new Action(true, signIn::initiateAuth),
                "GetUser", new Action(false, signIn::getUser),
                "ForgotPassword", new Action(true, passwordReset::forgotPassword),
                "ConfirmForgotPassword", new Action(true, passwordReset::confirmForgotPassword),
                // Its model has no ResourceNotFoundException: it checks the client id itself.
                "RevokeToken", new Action(false, signOut::revokeToken),
                "GlobalSignOut", new Action(false, signOut::globalSignOut));
    }

    /** @param clientAddress who sends it, as the throttles count it (see {@link ClientAddress}) */
    void handle(Context ctx, BodyReader bodies, String clientAddress) {
        try {
            Action action = action(ctx.header("X-Amz-Target"));
            AmzRequest request = json.read(body(ctx, bodies), ClientAddress.of(clientAddress));
            if (action.hasClientId()) {
                checkClientId(request.required("ClientId"));
            }
            respond(ctx, 200, json.write(action.run().apply(request)));
        } catch (CognitoError e) {
            if (e.status() == 503) {
                ctx.header("Retry-After", "1");
            }
            ctx.header("x-amzn-ErrorType", e.type() + ":");
            respond(ctx, e.status(), json.error(e));
        } catch (RuntimeException e) {
            if (DatabaseUnavailable.isCause(e)) {
                // A passing failure, answered as the rest of the API answers it: try again shortly.
                log.warn("development identity provider: database unavailable ({})", e.getClass().getSimpleName());
                CognitoError unavailable = CognitoError.databaseUnavailable();
                ctx.header("Retry-After", "5").header("x-amzn-ErrorType", unavailable.type() + ":");
                respond(ctx, unavailable.status(), json.error(unavailable));
                return;
            }
            // A bug: logged here with its cause, answered without it.
            log.error("the development identity provider failed", LogSafe.throwable(e));
            respondInternal(ctx);
        }
    }

    private Action action(String target) {
        if (target == null || !target.startsWith(TARGET_PREFIX)) {
            throw CognitoError.of("UnknownOperationException",
                    "Name the action in the header X-Amz-Target: AWSCognitoIdentityProviderService.<Action>.");
        }
        Action action = actions.get(target.substring(TARGET_PREFIX.length()));
        if (action == null) {
            throw CognitoError.of("UnknownOperationException", "The development identity provider does not support this"
                    + " action; it supports " + String.join(", ", new java.util.TreeSet<>(actions.keySet())) + ".");
        }
        return action;
    }

    private static byte[] body(Context ctx, BodyReader bodies) {
        try {
            return bodies.read(ctx);
        } catch (BodyReader.Refused e) {
            throw switch (e.reason()) {
                // Its Retry-After is set; the AWS SDKs retry this type as throttling, with back-off.
                case SERVER_BUSY -> CognitoError.serverBusy();
                // Nothing Cognito would accept either.
                case TOO_LARGE -> CognitoError.invalidParameter("The request body is too large.");
                case INCOMPLETE -> CognitoError.invalidParameter("The request body is incomplete.");
            };
        }
    }

    private static void checkClientId(String clientId) {
        if (!LocalCognito.CLIENT_ID.equals(clientId)) {
            throw CognitoError.of("ResourceNotFoundException",
                    "User pool client does not exist; the development identity provider's app client id is "
                            + LocalCognito.CLIENT_ID + ".");
        }
    }

    private void respondInternal(Context ctx) {
        CognitoError internal = CognitoError.internal();
        ctx.header("x-amzn-ErrorType", internal.type() + ":");
        respond(ctx, internal.status(), json.error(internal));
    }

    private static void respond(Context ctx, int status, byte[] body) {
        ctx.status(status).contentType(AmzJson.CONTENT_TYPE).result(body);
    }
}
