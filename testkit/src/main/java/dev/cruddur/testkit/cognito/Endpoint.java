package dev.cruddur.testkit.cognito;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One HTTP endpoint of the pool (its JWK set, its user-pool API). It counts its requests, so
 * tests see how often the server asked, and answers what {@code answers} makes of each request,
 * or, while a test says so, an answer of the test's: a pool that is down, throttled or broken.
 */
final class Endpoint implements HttpHandler {

    /** One answer: a status and a body. */
    record Answer(int status, String body) {
    }

    /** The endpoint's own answer to a request. */
    interface Answers {
        Answer to(HttpExchange exchange) throws IOException;
    }

    private final String contentType;
    private final Answers answers;
    private final AtomicInteger requests = new AtomicInteger();
    private volatile Answer replacement;

    Endpoint(String contentType, Answers answers) {
        this.contentType = contentType;
        this.answers = answers;
    }

    /** Answers {@code status} and {@code body} from now on; a null body goes back to the endpoint's own answers. */
    void answerWith(int status, String body) {
        replacement = body == null ? null : new Answer(status, body);
    }

    int requests() {
        return requests.get();
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try {
            requests.incrementAndGet();
            Answer replaced = replacement;
            Answer answer = replaced != null ? replaced : answers.to(exchange);
            byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", contentType);
            // HttpServer reads a length of 0 as "chunked"; -1 is how it is told there is no body.
            exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
            exchange.getResponseBody().write(bytes);
        } finally {
            exchange.close();
        }
    }
}
