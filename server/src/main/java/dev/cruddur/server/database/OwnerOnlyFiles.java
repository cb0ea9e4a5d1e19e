package dev.cruddur.server.database;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Files and directories that only this account can read or write: the embedded database's
 * directory, its log, its password. Created that way from the start (never created open and
 * narrowed afterwards, which would leave a moment when another account could open them).
 */
final class OwnerOnlyFiles {

    static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
    static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private OwnerOnlyFiles() {
    }

    /** Creates {@code directory} and any missing parents 0700; a directory that exists is left as it is. */
    static Path directory(Path directory) throws IOException {
        return Files.createDirectories(directory, attribute(DIRECTORY));
    }

    /** The file, created empty and 0600 if it is missing; an existing one is narrowed to 0600. */
    static Path file(Path file) throws IOException {
        if (!Files.exists(file)) {
            try {
                return Files.createFile(file, attribute(FILE));
            } catch (FileAlreadyExistsException raced) {
                // created by another process in the meantime: narrowed below
            }
        }
        Files.setPosixFilePermissions(file, FILE);
        return file;
    }

    /** Replaces {@code file} with {@code text}, 0600: written beside it first, then renamed over it. */
    static void write(Path file, String text) throws IOException {
        Path written = Files.createTempFile(file.toAbsolutePath().getParent(), "." + file.getFileName(), ".tmp", attribute(FILE));
        try {
            Files.writeString(written, text, StandardCharsets.UTF_8);
            Files.move(written, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(written);
        }
    }

    /** The numeric user id this process runs as (its files are created with it). */
    static int currentUid() {
        return (int) new com.sun.security.auth.module.UnixSystem().getUid();
    }

    static FileAttribute<Set<PosixFilePermission>> attribute(Set<PosixFilePermission> permissions) {
        return PosixFilePermissions.asFileAttribute(permissions);
    }
}
