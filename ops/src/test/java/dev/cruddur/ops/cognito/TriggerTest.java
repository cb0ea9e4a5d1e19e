package dev.cruddur.ops.cognito;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

/** The one enum of the two triggers: its handler names are those of the lambda module's classes (a test dependency). */
class TriggerTest {

    @Test
    void eachHandlerNamesAPublicHandleRequestOfAClassInTheLambdaModule() throws Exception {
        for (Trigger trigger : Trigger.values()) {
            String[] parts = trigger.handler().split("::");
            assertThat(parts).as(trigger.handler()).hasSize(2);
            Class<?> type = Class.forName(parts[0], false, getClass().getClassLoader());
            assertThat(Modifier.isPublic(type.getModifiers())).as(parts[0]).isTrue();
            assertThat(Arrays.stream(type.getMethods())
                    .filter(method -> method.getName().equals(parts[1]))
                    .filter(method -> !Modifier.isStatic(method.getModifiers()) && !method.isBridge())
                    .map(Method::getDeclaringClass))
                    .as(trigger.handler())
                    .containsExactly(type);
        }
    }

    @Test
    void theConverterReadsTheFlagNameInAnyCaseAndNamesBothWhenItIsNeither() {
        Trigger.Converter converter = new Trigger.Converter();
        assertThat(converter.convert("post-confirmation")).isEqualTo(Trigger.POST_CONFIRMATION);
        assertThat(converter.convert(" PRE_SIGN_UP ")).isEqualTo(Trigger.PRE_SIGN_UP);
        assertThatThrownBy(() -> converter.convert("sign-in")).isInstanceOf(TypeConversionException.class)
                .hasMessage("'sign-in' is not post-confirmation or pre-sign-up");
    }
}
