package dev.cruddur.lambda;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * What the handlers print to stdout while a piece of code runs (their log lines, which Lambda
 * sends to CloudWatch), and what that code threw. slf4j-simple looks up {@code System.out} on
 * every write, so swapping it catches them; the tests of one class run one after another.
 *
 * @param thrown null when the action returned normally
 */
record CapturedOutput(String output, Throwable thrown) {

    interface Action {
        void run() throws Exception;
    }

    static CapturedOutput of(Action action) {
        PrintStream original = System.out;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        Throwable thrown = null;
        try {
            action.run();
        } catch (Exception e) {
            thrown = e;
        } finally {
            System.setOut(original);
        }
        String captured = buffer.toString(StandardCharsets.UTF_8);
        original.print(captured);
        return new CapturedOutput(captured, thrown);
    }
}
