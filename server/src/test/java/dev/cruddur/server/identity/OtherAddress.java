package dev.cruddur.server.identity;

import dev.cruddur.testkit.http.RawHttp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;

/**
 * A second client on another address of the machine (127.0.0.2 and up: Linux answers the whole
 * of 127.0.0.0/8 on the loopback interface). The AWS SDK's HTTP client here, the JDK's
 * {@code HttpURLConnection}, cannot choose the address it connects from, so this one writes a
 * Cognito request itself, exactly as the SDK sends it, from that address.
 */
record OtherAddress(String address, int port) {

    /** The status, the Cognito error type ({@code x-amzn-ErrorType} without its colon; null on success) and the body. */
    record Answer(int status, String errorType, String body) {
    }

    /** A SignUp with the usual password and the given handle. */
    Answer signUp(String email, String handle) {
        return signUp(email, handle, null);
    }

    /** The same, with an {@code X-Forwarded-For} header (as a load balancer would write it; null: none). */
    Answer signUp(String email, String handle, String forwardedFor) {
        return call("SignUp", forwardedFor, "{\"ClientId\":\"" + LocalCognitoSdk.CLIENT_ID + "\",\"Username\":\"" + email
                + "\",\"Password\":\"" + LocalCognitoSdk.PASSWORD + "\",\"UserAttributes\":["
                + "{\"Name\":\"name\",\"Value\":\"Elsewhere\"},{\"Name\":\"preferred_username\",\"Value\":\"" + handle + "\"}]}");
    }

    Answer resendConfirmationCode(String email) {
        return call("ResendConfirmationCode", null, "{\"ClientId\":\"" + LocalCognitoSdk.CLIENT_ID + "\",\"Username\":\"" + email + "\"}");
    }

    private Answer call(String action, String forwardedFor, String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        String request = "POST /local-cognito/ HTTP/1.1\r\n"
                + "Host: localhost:" + port + "\r\n"
                + "X-Amz-Target: AWSCognitoIdentityProviderService." + action + "\r\n"
                + (forwardedFor == null ? "" : "X-Forwarded-For: " + forwardedFor + "\r\n")
                + "Content-Type: application/x-amz-json-1.1\r\n"
                + "Content-Length: " + body.length + "\r\n"
                + "Connection: close\r\n\r\n" + new String(body, StandardCharsets.ISO_8859_1);
        try {
            InetAddress from = InetAddress.getByName(address); // a literal: no name is looked up
            RawHttp.Response answer = RawHttp.exchange(from, InetAddress.getLoopbackAddress(), port, request);
            if (answer.status() < 0) {
                throw new AssertionError("not an HTTP answer: " + answer.body());
            }
            String type = answer.header("x-amzn-ErrorType");
            return new Answer(answer.status(), type == null ? null : type.replaceFirst("[^A-Za-z].*", ""), answer.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
