package dev.cruddur.testkit.cognito;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The pool's JWK set: the public halves of the keys it has published, or whatever a test told it
 * to answer instead. Counts its requests, so tests see how often a verifier fetched the keys.
 */
final class JwksEndpoint implements HttpHandler {

    private final List<RSAKey> published = new CopyOnWriteArrayList<>();
    private final AtomicInteger requests = new AtomicInteger();
    private volatile Answer replacement;

    void publish(RSAKey key) {
        published.add(key);
    }

    /** Answers {@code answer} from now on; null goes back to the keys. */
    void answerWith(Answer answer) {
        replacement = answer;
    }

    int requests() {
        return requests.get();
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try {
            requests.incrementAndGet();
            Answer answer = replacement;
            if (answer == null) {
                List<JWK> keys = published.stream().map(key -> (JWK) key.toPublicJWK()).toList();
                answer = new Answer(200, new JWKSet(keys).toString());
            }
            answer.send(exchange, "application/json");
        } finally {
            exchange.close();
        }
    }
}
