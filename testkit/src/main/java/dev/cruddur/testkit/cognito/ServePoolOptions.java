package dev.cruddur.testkit.cognito;

import java.nio.file.Path;
import java.time.Duration;

/** What {@link ServePool} is asked to do: where to listen, for which app client, which tokens to write, and where. */
record ServePoolOptions(int port, String clientId, Path subjects, Path tokens, Path environment, Duration lifetime) {

    static final String USAGE = "usage: ServePool --port P --client-id ID --subjects FILE --tokens FILE"
            + " --environment FILE [--hours H]";

    static ServePoolOptions parse(String[] args) {
        Integer port = null;
        String clientId = null;
        Path subjects = null;
        Path tokens = null;
        Path environment = null;
        long hours = 24;
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(flag + " needs a value; " + USAGE);
            }
            String value = args[++i];
            switch (flag) {
                case "--port" -> port = Integer.parseInt(value);
                case "--client-id" -> clientId = value;
                case "--subjects" -> subjects = Path.of(value);
                case "--tokens" -> tokens = Path.of(value);
                case "--environment" -> environment = Path.of(value);
                case "--hours" -> hours = Long.parseLong(value);
                default -> throw new IllegalArgumentException("unknown option " + flag + "; " + USAGE);
            }
        }
        if (port == null || port < 0 || clientId == null || subjects == null || tokens == null || environment == null
                || hours < 1) {
            throw new IllegalArgumentException(USAGE);
        }
        return new ServePoolOptions(port, clientId, subjects, tokens, environment, Duration.ofHours(hours));
    }
}
