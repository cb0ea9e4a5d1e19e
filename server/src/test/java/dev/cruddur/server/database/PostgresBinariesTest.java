package dev.cruddur.server.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cruddur.testing.OtherOsUser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PostgreSQL's programs are run only from a directory that no other account could have written:
 * an unpack that fails the check is replaced, a cache directory that fails it is refused.
 */
class PostgresBinariesTest {

    /** Unpacked once for the class (unpacking takes seconds); the tests that tamper work on copies. */
    @TempDir
    static Path shared;

    private static Path pristine;

    @TempDir
    Path temp;

    @BeforeAll
    static void unpackOnce() {
        pristine = shared.resolve("cache");
        PostgresBinaries.prepare(pristine);
    }

    @Test
    void aFreshCacheIsUnpackedForThisAccountAloneAndReusedAfterwards() throws IOException {
        Path cache = pristine;
        PostgresBinaries binaries = PostgresBinaries.prepare(cache);

        assertThat(binaries.directory().getParent()).isEqualTo(cache);
        assertThat(mode(cache)).isEqualTo("rwx------");
        assertThat(mode(binaries.directory().resolve("bin").resolve("postgres"))).isEqualTo("rwx------");
        assertThat(new WriteAccessCheck(OwnerOnlyFiles.currentUid()).problemsIn(binaries.directory())).isEmpty();

        Object unpacked = fileKey(binaries.directory().resolve("bin").resolve("postgres"));
        PostgresBinaries again = PostgresBinaries.prepare(cache);
        assertThat(again.directory()).isEqualTo(binaries.directory());
        assertThat(fileKey(again.directory().resolve("bin").resolve("postgres"))).as("the same file, not a new unpack")
                .isEqualTo(unpacked);
        assertThat(children(cache)).containsExactly(binaries.directory().getFileName().toString());
    }

    @Test
    void anUnpackThatOthersCouldWriteIsMovedAsideAndUnpackedAgain() throws IOException {
        Path cache = copyOfThePristineCache();
        Path postgres = PostgresBinaries.prepare(cache).directory().resolve("bin").resolve("postgres");
        Files.setPosixFilePermissions(postgres, PosixFilePermissions.fromString("rwxrwxrwx"));

        PostgresBinaries replaced = PostgresBinaries.prepare(cache);

        assertThat(mode(replaced.directory().resolve("bin").resolve("postgres"))).isEqualTo("rwx------");
        assertThat(new WriteAccessCheck(OwnerOnlyFiles.currentUid()).problemsIn(replaced.directory())).isEmpty();
        assertThat(children(cache)).hasSize(2).anySatisfy(name -> assertThat(name).startsWith("untrusted-postgres-"));
    }

    @Test
    void anUnpackHoldingAFileOfAnotherAccountIsMovedAsideAndUnpackedAgain() throws Exception {
        OtherOsUser intruder = OtherOsUser.create();
        Path cache = copyOfThePristineCache();
        Path bin = PostgresBinaries.prepare(cache).directory().resolve("bin");
        Path planted = Files.writeString(bin.resolve("pg_planted"), "#!/bin/sh\n");
        Files.setAttribute(planted, "unix:uid", intruder.uid());

        PostgresBinaries replaced = PostgresBinaries.prepare(cache);

        assertThat(replaced.directory().resolve("bin").resolve("pg_planted")).doesNotExist();
        assertThat(children(cache)).hasSize(2).anySatisfy(name -> assertThat(name).startsWith("untrusted-postgres-"));
    }

    @Test
    void aCacheDirectoryThatOthersCanWriteIsRefused() throws IOException {
        Path cache = Files.createDirectory(temp.resolve("cache"));
        Files.setPosixFilePermissions(cache, PosixFilePermissions.fromString("rwxrwxrwx"));

        assertThatThrownBy(() -> PostgresBinaries.prepare(cache)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(cache + " is writable by other accounts (mode 0777)")
                .hasMessageContaining("XDG_CACHE_HOME");
        assertThat(children(cache)).as("nothing unpacked").isEmpty();
    }

    @Test
    void aCacheDirectoryBelowOneThatOthersCanWriteIsRefused() throws IOException {
        Path open = Files.createDirectory(temp.resolve("open"));
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxrwxrwx"));

        assertThatThrownBy(() -> PostgresBinaries.prepare(open.resolve("cache"))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(open + " is writable by other accounts (mode 0777)");
    }

    @Test
    void aCacheDirectoryOfAnotherAccountIsRefused() throws IOException {
        OtherOsUser intruder = OtherOsUser.create();
        Path cache = Files.createDirectory(temp.resolve("cache"));
        Files.setAttribute(cache, "unix:uid", intruder.uid());

        assertThatThrownBy(() -> PostgresBinaries.prepare(cache)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(cache + " belongs to another account (uid " + intruder.uid() + ")");
    }

    @Test
    void aCacheDirectoryThatIsALinkIsRefused() throws IOException {
        Path elsewhere = Files.createDirectory(temp.resolve("elsewhere"));
        Path cache = Files.createSymbolicLink(temp.resolve("cache"), elsewhere);

        assertThatThrownBy(() -> PostgresBinaries.prepare(cache)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(cache + " is a symbolic link");
    }

    @Test
    void theCacheFollowsTheXdgBaseDirectorySpecification() {
        String home = System.getProperty("user.home");
        assertThat(PostgresBinaries.userCache(Map.of())).isEqualTo(Path.of(home, ".cache", "cruddur"));
        assertThat(PostgresBinaries.userCache(Map.of("XDG_CACHE_HOME", "/var/cache/me"))).isEqualTo(Path.of("/var/cache/me/cruddur"));
        assertThat(PostgresBinaries.userCache(Map.of("XDG_CACHE_HOME", "relative/cache")))
                .as("a relative path is ignored").isEqualTo(Path.of(home, ".cache", "cruddur"));
    }

    /** The unpacked cache, copied with its modes (a copy takes a fraction of a second, an unpack seconds). */
    private Path copyOfThePristineCache() throws IOException {
        Path copy = temp.resolve("cache");
        try (Stream<Path> paths = Files.walk(pristine)) {
            for (Path path : paths.toList()) {
                Files.copy(path, copy.resolve(pristine.relativize(path).toString()), StandardCopyOption.COPY_ATTRIBUTES,
                        LinkOption.NOFOLLOW_LINKS);
            }
        }
        return copy;
    }

    private static List<String> children(Path directory) throws IOException {
        try (Stream<Path> children = Files.list(directory)) {
            return children.map(child -> child.getFileName().toString()).toList();
        }
    }

    private static Object fileKey(Path file) throws IOException {
        return Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
    }

    private static String mode(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS));
    }
}
