package dev.cruddur.ops.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The handler names lambda deploy sends are those of the lambda module's classes (a test dependency). */
class TriggerHandlerTest {

    @Test
    void eachHandlerNamesAPublicHandleRequestOfAClassInTheLambdaModule() throws Exception {
        for (TriggerHandler trigger : TriggerHandler.values()) {
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
}
