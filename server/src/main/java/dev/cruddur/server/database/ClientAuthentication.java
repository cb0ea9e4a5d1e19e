package dev.cruddur.server.database;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The embedded PostgreSQL's {@code pg_hba.conf}: one way in, TCP from 127.0.0.1 with the
 * superuser's password (SCRAM-SHA-256). Written at every start, so a data directory made by an
 * earlier Cruddur (which trusted every local connection) or edited by hand is brought back to it.
 */
final class ClientAuthentication {

    static final String RULES = """
            # Written by Cruddur at every start of its embedded PostgreSQL: edits are replaced.
            # One way in: TCP from 127.0.0.1 with the password in postgres.password, next to this
            # directory. No Unix socket is opened (unix_socket_directories is empty), and nothing
            # is trusted without a password.
            host all all 127.0.0.1/32 scram-sha-256
            """;

    private ClientAuthentication() {
    }

    static void write(Path pgData) throws IOException {
        Path file = pgData.resolve("pg_hba.conf");
        if (!Files.exists(file) || !Files.readString(file, StandardCharsets.UTF_8).equals(RULES)) {
            OwnerOnlyFiles.write(file, RULES);
        }
    }
}
