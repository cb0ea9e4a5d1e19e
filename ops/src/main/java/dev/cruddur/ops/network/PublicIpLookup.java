package dev.cruddur.ops.network;

import dev.cruddur.ops.CommandFailure;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Asks a what-is-my-IP service (checkip.amazonaws.com answers the address as plain text) where we come from. */
final class PublicIpLookup {

    static final String DEFAULT_URL = "https://checkip.amazonaws.com/";

    private PublicIpLookup() {
    }

    static OperatorAddress lookUp(URI url) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        HttpRequest request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10)).GET().build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw CommandFailure.failed("Could not look up your public IP at " + url + " (" + e.getClass().getSimpleName()
                    + "); pass it with --ip", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CommandFailure.failed("Interrupted while looking up your public IP");
        }
        if (response.statusCode() != 200) {
            throw CommandFailure.failed("Could not look up your public IP: " + url + " answered HTTP " + response.statusCode()
                    + "; pass it with --ip");
        }
        try {
            return OperatorAddress.parse(response.body(), "The answer of " + url);
        } catch (CommandFailure refused) {
            // Not the operator's mistake: the service's answer is unusable.
            throw CommandFailure.failed(refused.getMessage() + "; pass your address with --ip", refused);
        }
    }
}
