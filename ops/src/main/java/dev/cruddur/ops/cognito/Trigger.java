package dev.cruddur.ops.cognito;

import java.util.function.BiFunction;
import java.util.function.Function;
import software.amazon.awssdk.services.cognitoidentityprovider.model.LambdaConfigType;

/** The two Cognito triggers Cruddur's Lambda implements, as LambdaConfig names them. */
enum Trigger {
    PRE_SIGN_UP("pre-sign-up", "PreSignUp", LambdaConfigType::preSignUp, LambdaConfigType.Builder::preSignUp),
    POST_CONFIRMATION("post-confirmation", "PostConfirmation", LambdaConfigType::postConfirmation,
            LambdaConfigType.Builder::postConfirmation);

    private final String flag;
    private final String configName;
    private final Function<LambdaConfigType, String> current;
    private final BiFunction<LambdaConfigType.Builder, String, LambdaConfigType.Builder> set;

    Trigger(String flag, String configName, Function<LambdaConfigType, String> current,
            BiFunction<LambdaConfigType.Builder, String, LambdaConfigType.Builder> set) {
        this.flag = flag;
        this.configName = configName;
        this.current = current;
        this.set = set;
    }

    /** {@code post-confirmation}: the flag's name, and part of the Lambda permission's statement id. */
    String flag() {
        return flag;
    }

    /** {@code PostConfirmation}: the field of LambdaConfig. */
    String configName() {
        return configName;
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
        return "cruddur-cognito-" + flag;
    }
}
