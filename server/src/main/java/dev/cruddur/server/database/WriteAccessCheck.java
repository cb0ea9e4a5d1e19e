package dev.cruddur.server.database;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Whether another account could have changed, or could still change, what is in a directory:
 * before PostgreSQL's programs are run from it, since whoever can write them runs code as us.
 * Reads owners and modes from the file system (the {@code unix} attribute view), never following
 * a symbolic link unless it says so.
 */
final class WriteAccessCheck {

    private static final int GROUP_OR_OTHER_WRITE = 0022;
    private static final int STICKY = 01000;
    private static final int ROOT = 0;

    private final int owner;

    WriteAccessCheck(int owner) {
        this.owner = owner;
    }

    /**
     * Why another account could replace {@code directory} or something on the way to it: an
     * ancestor that is neither ours nor root's, or that others may write without the sticky bit
     * (which, as on {@code /tmp}, keeps them from renaming what is not theirs). Both the path as
     * given and the one its links lead to are checked. Empty when the way is safe.
     */
    Optional<String> problemOnTheWayTo(Path directory) throws IOException {
        Path given = directory.toAbsolutePath().normalize();
        for (Path path : List.of(given, given.toRealPath())) {
            for (Path ancestor = path.getParent(); ancestor != null; ancestor = ancestor.getParent()) {
                Map<String, Object> attributes = Files.readAttributes(ancestor, "unix:uid,mode");
                int uid = (Integer) attributes.get("uid");
                int mode = (Integer) attributes.get("mode");
                if (uid != owner && uid != ROOT) {
                    return Optional.of(ancestor + " belongs to another account (uid " + uid + ")");
                }
                if ((mode & GROUP_OR_OTHER_WRITE) != 0 && (mode & STICKY) == 0) {
                    return Optional.of(ancestor + " is writable by other accounts (mode " + octal(mode) + ")");
                }
            }
        }
        return Optional.empty();
    }

    /** Why {@code directory} itself is not ours alone: a link, another owner, or writable by others. */
    Optional<String> problemWith(Path directory) throws IOException {
        if (Files.isSymbolicLink(directory)) {
            return Optional.of(directory + " is a symbolic link");
        }
        Map<String, Object> attributes = Files.readAttributes(directory, "unix:uid,mode", LinkOption.NOFOLLOW_LINKS);
        return problemWith(directory, (Integer) attributes.get("uid"), (Integer) attributes.get("mode"));
    }

    /**
     * Every file, directory and link under {@code tree} (and {@code tree} itself) that is not ours
     * alone, or a link that leads out of the tree. Empty when nobody else could have changed it.
     */
    List<String> problemsIn(Path tree) throws IOException {
        List<String> problems = new ArrayList<>();
        Path root = tree.toAbsolutePath().normalize();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path directory, BasicFileAttributes attributes) throws IOException {
                check(directory);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                if (attributes.isSymbolicLink()) {
                    Path target = file.getParent().resolve(Files.readSymbolicLink(file)).normalize();
                    if (!target.startsWith(root)) {
                        problems.add(file + " links out of " + root + ", to " + target);
                    }
                    Map<String, Object> owner = Files.readAttributes(file, "unix:uid", LinkOption.NOFOLLOW_LINKS);
                    if ((Integer) owner.get("uid") != WriteAccessCheck.this.owner) {
                        problems.add(file + " belongs to another account (uid " + owner.get("uid") + ")");
                    }
                } else {
                    check(file);
                }
                return FileVisitResult.CONTINUE;
            }

            private void check(Path path) throws IOException {
                Map<String, Object> attributes = Files.readAttributes(path, "unix:uid,mode", LinkOption.NOFOLLOW_LINKS);
                problemWith(path, (Integer) attributes.get("uid"), (Integer) attributes.get("mode")).ifPresent(problems::add);
            }
        });
        return problems;
    }

    private Optional<String> problemWith(Path path, int uid, int mode) {
        if (uid != owner) {
            return Optional.of(path + " belongs to another account (uid " + uid + ")");
        }
        if ((mode & GROUP_OR_OTHER_WRITE) != 0) {
            return Optional.of(path + " is writable by other accounts (mode " + octal(mode) + ")");
        }
        return Optional.empty();
    }

    private static String octal(int mode) {
        return String.format("%04o", mode & 07777);
    }
}
