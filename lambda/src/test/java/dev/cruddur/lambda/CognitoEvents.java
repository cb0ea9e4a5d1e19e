package dev.cruddur.lambda;

import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolPostConfirmationEvent;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolPreSignUpEvent;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Events as Cognito sends them: the JSON fixtures in {@code src/test/resources/events}, read by
 * the serializer the Lambda Java runtime picks for a handler's input type. Replacements are
 * literal text substitutions in the JSON, so a variant stays visibly the real shape.
 */
final class CognitoEvents {

    static final String CONFIRM_SIGN_UP = "events/post-confirmation-confirm-sign-up.json";
    static final String CONFIRM_FORGOT_PASSWORD = "events/post-confirmation-confirm-forgot-password.json";
    static final String PRE_SIGN_UP = "events/pre-sign-up.json";

    /** The {@code sub} of the person in the Post Confirmation fixtures. */
    static final String ALICE_SUB = "8458d4a8-9061-70a7-2fd4-1a2b3c4d5e6f";

    private CognitoEvents() {
    }

    static CognitoUserPoolPostConfirmationEvent postConfirmation(String fixture, String... replacements) {
        return read(CognitoUserPoolPostConfirmationEvent.class, fixture, replacements);
    }

    static CognitoUserPoolPreSignUpEvent preSignUp(String... replacements) {
        return read(CognitoUserPoolPreSignUpEvent.class, PRE_SIGN_UP, replacements);
    }

    /** The JSON the runtime would send back to Cognito for this event. */
    static <T> String toJson(T event, Class<T> type) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        runtimeSerializer(type).toJson(event, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    /** @param replacements pairs of (text in the fixture, text to put there instead) */
    static <T> T read(Class<T> type, String fixture, String... replacements) {
        String json = text(fixture);
        for (int i = 0; i + 1 < replacements.length; i += 2) {
            if (!json.contains(replacements[i])) {
                throw new IllegalArgumentException(fixture + " does not contain " + replacements[i]);
            }
            json = json.replace(replacements[i], replacements[i + 1]);
        }
        return runtimeSerializer(type).fromJson(json);
    }

    /**
     * The runtime's choice, as its event handler loader makes it: the event-specific serializer
     * (mix-ins plus Joda date modules) only for the types in its list of "supported events",
     * plain Jackson for every other type. The Cognito user-pool events are not on that list,
     * which is also why the jar can leave Joda-Time out.
     */
    static <T> PojoSerializer<T> runtimeSerializer(Class<T> type) {
        if (LambdaEventSerializers.isLambdaSupportedEvent(type.getName())) {
            return LambdaEventSerializers.serializerFor(type, CognitoEvents.class.getClassLoader());
        }
        return JacksonFactory.getInstance().getSerializer(type);
    }

    static String text(String resource) {
        try (InputStream in = CognitoEvents.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
