package dev.cruddur.ops.cognito;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.BiFunction;
import java.util.function.Function;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.LambdaConfigType;

/**
 * The two Cognito triggers Cruddur's Lambda implements: their flag, the field of Cognito's
 * LambdaConfig, and the handler in the jar the lambda module builds (docs/lambda.md: one function
 * per trigger). {@code cognito attach-triggers} and {@code lambda deploy} both use it.
 */
public enum Trigger {
    PRE_SIGN_UP("pre-sign-up", "PreSignUp", "dev.cruddur.lambda.PreSignUpHandler::handleRequest",
            LambdaConfigType::preSignUp, LambdaConfigType.Builder::preSignUp),
    POST_CONFIRMATION("post-confirmation", "PostConfirmation", "dev.cruddur.lambda.PostConfirmationHandler::handleRequest",
            LambdaConfigType::postConfirmation, LambdaConfigType.Builder::postConfirmation);

    /** What every statement id of a Cognito invoke permission this tool grants starts with. */
    static final String STATEMENT_PREFIX = "cruddur-cognito-";

    private final String flag;
    private final String configName;
    private final String handler;
    private final Function<LambdaConfigType, String> current;
    private final BiFunction<LambdaConfigType.Builder, String, LambdaConfigType.Builder> set;

    Trigger(String flag, String configName, String handler, Function<LambdaConfigType, String> current,
            BiFunction<LambdaConfigType.Builder, String, LambdaConfigType.Builder> set) {
        this.flag = flag;
        this.configName = configName;
        this.handler = handler;
        this.current = current;
        this.set = set;
    }

    /**
     * {@code post-confirmation}: the value of {@code lambda deploy --trigger}, the flag of
     * {@code cognito attach-triggers}, and part of the Lambda permission's statement id.
     */
    public String flag() {
        return flag;
    }

    /** {@code PostConfirmation}: the field of LambdaConfig. */
    String configName() {
        return configName;
    }

    /** {@code CLASS::METHOD}: the Lambda handler of this trigger's function. */
    public String handler() {
        return handler;
    }

    /** The function attached now, or null. */
    String current(LambdaConfigType config) {
        return config == null ? null : current.apply(config);
    }

    LambdaConfigType.Builder set(LambdaConfigType.Builder config, String functionArn) {
        return set.apply(config, functionArn);
    }

    /** The statement id of the permission that lets Cognito invoke this trigger's function. */
    String statementId() {
        return STATEMENT_PREFIX + flag;
    }

    /** A trigger by its {@link #flag()} ({@code post-confirmation}; any case, {@code _} for {@code -}). */
    public static final class Converter implements ITypeConverter<Trigger> {
        @Override
        public Trigger convert(String value) {
            String wanted = value.strip().replace('_', '-').toLowerCase(Locale.ROOT);
            return Arrays.stream(values()).filter(trigger -> trigger.flag.equals(wanted)).findFirst()
                    .orElseThrow(() -> new TypeConversionException("'" + value + "' is not "
                            + POST_CONFIRMATION.flag + " or " + PRE_SIGN_UP.flag));
        }
    }
}
