package dev.cruddur.server.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The web app's files, read once into memory when the server starts: 22 small files, about 65 KB.
 * Serving them through Jetty's classpath resources instead mounted the whole shaded jar (36,000
 * entries with the AWS SDK) as a zip file system, several times over, which cost some 50 MB of
 * memory for less than a hundred kilobytes of files.
 */
final class WebFiles {

    /** One file as it is served. */
    record WebFile(byte[] content, String contentType, String etag) {
    }

    /** The classpath folder the files live in. */
    static final String FOLDER = "web";

    /** The kinds of file the app has; WebFilesTest fails when a file of another kind is added. */
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "svg", "image/svg+xml");

    private WebFiles() {
    }

    /** Every file under {@code web/} on the classpath, by the path it is served at ({@code /js/app.js}). */
    static Map<String, WebFile> load() {
        Path codeSource;
        try {
            codeSource = Path.of(WebFiles.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the server's classes", e);
        }
        return load(codeSource);
    }

    /**
     * Every file under {@code web/} in {@code codeSource}: a folder of classes ({@code target/classes}
     * in tests and IDEs) or a jar (the shaded jar {@code cruddur serve} runs).
     */
    static Map<String, WebFile> load(Path codeSource) {
        Map<String, WebFile> files = new TreeMap<>();
        try {
            if (Files.isDirectory(codeSource)) {
                // Tests and IDEs: target/classes
                Path folder = codeSource.resolve(FOLDER);
                try (Stream<Path> paths = Files.walk(folder)) {
                    for (Path file : paths.filter(Files::isRegularFile).toList()) {
                        String path = "/" + folder.relativize(file).toString().replace('\\', '/');
                        files.put(path, file(path, Files.readAllBytes(file)));
                    }
                }
            } else {
                // The shaded jar: the class loader has it open already, so this shares its index.
                try (JarFile jar = new JarFile(codeSource.toFile())) {
                    for (JarEntry entry : jar.stream().filter(e -> !e.isDirectory() && e.getName().startsWith(FOLDER + "/")).toList()) {
                        try (InputStream in = jar.getInputStream(entry)) {
                            String path = entry.getName().substring(FOLDER.length());
                            files.put(path, file(path, in.readAllBytes()));
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the web app's files from " + codeSource, e);
        }
        if (!files.containsKey("/index.html")) {
            throw new IllegalStateException("web/index.html is missing from " + codeSource + "; the build did not copy the web app");
        }
        return files;
    }

    private static WebFile file(String path, byte[] content) {
        String extension = path.substring(path.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        return new WebFile(content, TYPES.getOrDefault(extension, "application/octet-stream"), etag(content));
    }

    private static String etag(byte[] content) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(content);
            return "\"" + HexFormat.of().formatHex(digest, 0, 12) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
