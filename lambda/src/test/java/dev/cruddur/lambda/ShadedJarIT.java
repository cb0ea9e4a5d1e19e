package dev.cruddur.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;

/** What goes to Lambda: the handlers and their few dependencies, nothing of the server's weight. */
class ShadedJarIT {

    private static final Path JAR = Path.of("target/cruddur-lambda.jar");

    @Test
    void holdsTheHandlersTheDriverAndNothingHeavy() throws IOException {
        long bytes = Files.size(JAR);
        System.out.printf("%n%s: %d bytes (%.2f MiB)%n%n", JAR, bytes, bytes / 1024.0 / 1024.0);
        assertThat(bytes).isLessThan(10L * 1024 * 1024);

        try (JarFile jar = new JarFile(JAR.toFile())) {
            List<String> names = jar.stream().map(ZipEntry::getName).toList();
            assertThat(names).contains(
                    "dev/cruddur/lambda/PostConfirmationHandler.class",
                    "dev/cruddur/lambda/PreSignUpHandler.class",
                    "dev/cruddur/user/UserDao/insertIfAbsent.sql",
                    "com/amazonaws/services/lambda/runtime/events/CognitoUserPoolPostConfirmationEvent.class",
                    "com/amazonaws/services/lambda/runtime/events/CognitoUserPoolPreSignUpEvent.class",
                    "org/postgresql/Driver.class",
                    "org/json/JSONObject.class",
                    "org/slf4j/simple/SimpleServiceProvider.class");
            assertThat(names).noneMatch(name -> name.startsWith("org/flywaydb/")
                    || name.startsWith("io/javalin/")
                    || name.startsWith("org/eclipse/jetty/")
                    || name.startsWith("io/zonky/")
                    || name.startsWith("com/zaxxer/")
                    || name.startsWith("org/joda/")
                    // the database secret is read over plain HTTP from the extension, without the AWS SDK
                    || name.startsWith("software/amazon/awssdk/")
                    || name.startsWith("db/migration/"));
            assertThat(names).noneMatch(name -> name.endsWith(".so") || name.endsWith(".dll")
                    || name.endsWith(".dylib") || name.endsWith(".jnilib") || name.endsWith(".txz"));
            // the services files survive shading (the driver is found, JDBI finds its plugins)
            assertThat(new String(jar.getInputStream(jar.getEntry("META-INF/services/java.sql.Driver")).readAllBytes(),
                    StandardCharsets.UTF_8)).contains("org.postgresql.Driver");
        }
    }
}
