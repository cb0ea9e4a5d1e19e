package dev.cruddur.server.identity;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A second client on another address of the machine (127.0.0.2 and up: Linux answers the whole
 * of 127.0.0.0/8 on the loopback interface). The AWS SDK's HTTP client here, the JDK's
 * {@code HttpURLConnection}, cannot choose the address it connects from, so this one writes a
 * Cognito request itself, exactly as the SDK sends it, to a socket bound to that address.
 */
final class OtherAddress {

    /** The status, the Cognito error type ({@code x-amzn-ErrorType} without its colon; null on success) and the body. */
    record Answer(int status, String errorType, String body) {
    }

    private static final Pattern STATUS = Pattern.compile("^HTTP/1\\.1 (\\d{3})");
    private static final Pattern ERROR_TYPE = Pattern.compile("(?im)^x-amzn-ErrorType: *([A-Za-z]+)");

    private final InetAddress address;
    private final int port;

    OtherAddress(String address, int port) {
        try {
            this.address = InetAddress.getByName(address); // a literal: no name is looked up
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(address, e);
        }
        this.port = port;
    }

    /** A SignUp with the usual password and the given handle. */
    Answer signUp(String email, String handle) {
        return call("SignUp", "{\"ClientId\":\"" + LocalCognitoSdk.CLIENT_ID + "\",\"Username\":\"" + email
                + "\",\"Password\":\"" + LocalCognitoSdk.PASSWORD + "\",\"UserAttributes\":["
                + "{\"Name\":\"name\",\"Value\":\"Elsewhere\"},{\"Name\":\"preferred_username\",\"Value\":\"" + handle + "\"}]}");
    }

    Answer resendConfirmationCode(String email) {
        return call("ResendConfirmationCode", "{\"ClientId\":\"" + LocalCognitoSdk.CLIENT_ID + "\",\"Username\":\"" + email + "\"}");
    }

    Answer call(String action, String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        String head = "POST /local-cognito/ HTTP/1.1\r\n"
                + "Host: localhost:" + port + "\r\n"
                + "X-Amz-Target: AWSCognitoIdentityProviderService." + action + "\r\n"
                + "Content-Type: application/x-amz-json-1.1\r\n"
                + "Content-Length: " + body.length + "\r\n"
                + "Connection: close\r\n\r\n";
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(address, 0));
            socket.connect(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 5_000);
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            String answer = readAll(socket.getInputStream());
            Matcher status = STATUS.matcher(answer);
            if (!status.find()) {
                throw new AssertionError("not an HTTP answer: " + answer);
            }
            int headEnd = answer.indexOf("\r\n\r\n");
            String headers = answer.substring(0, Math.max(headEnd, 0));
            Matcher type = ERROR_TYPE.matcher(headers);
            return new Answer(Integer.parseInt(status.group(1)), type.find() ? type.group(1) : null,
                    headEnd < 0 ? "" : answer.substring(headEnd + 4));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The address the server saw, for messages. */
    @Override
    public String toString() {
        return address.getHostAddress().toLowerCase(Locale.ROOT);
    }

    private static String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        in.transferTo(bytes);
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
