package dev.cruddur.server.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cruddur.server.web.WebFiles.WebFile;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link WebFiles} reads the web app from either place the server's classes come from: a folder
 * ({@code target/classes}, as in every other test) or a jar (the shaded jar {@code cruddur serve}
 * runs, which no other test starts from).
 */
class WebFilesTest {

    private static final String INDEX = "<!doctype html><title>Cruddur</title>";
    private static final String SCRIPT = "export const a = 1;\n";

    @TempDir
    Path temp;

    @Test
    void fromAJarOnlyTheFilesUnderWebAreReadWithTheirTypesAndETags() throws IOException {
        Path jar = jar(temp.resolve("server.jar"), Map.of(
                "web/index.html", INDEX,
                "web/js/a.js", SCRIPT,
                "webapp/not-this.html", "no",
                "dev/cruddur/server/Other.class", "not a class either"));

        Map<String, WebFile> files = WebFiles.load(jar);

        assertThat(files).containsOnlyKeys("/index.html", "/js/a.js");
        assertTheTwoFiles(files);
        assertThat(WebFiles.load(jar)).as("read again").extractingFromEntries(entry -> entry.getValue().etag())
                .containsExactlyElementsOf(files.values().stream().map(WebFile::etag).toList());
    }

    @Test
    void fromAFolderOfClassesTheSameFilesAreReadTheSameWay() throws IOException {
        Path classes = temp.resolve("classes");
        write(classes.resolve("web/index.html"), INDEX);
        write(classes.resolve("web/js/a.js"), SCRIPT);
        write(classes.resolve("dev/cruddur/server/Other.class"), "not a class either");
        write(classes.resolve("application.properties"), "x=1");

        Map<String, WebFile> fromFolder = WebFiles.load(classes);
        Map<String, WebFile> fromJar = WebFiles.load(jar(temp.resolve("server.jar"),
                Map.of("web/index.html", INDEX, "web/js/a.js", SCRIPT)));

        assertThat(fromFolder).containsOnlyKeys("/index.html", "/js/a.js");
        assertTheTwoFiles(fromFolder);
        assertThat(fromFolder.get("/js/a.js").etag()).as("the ETag depends on the content only")
                .isEqualTo(fromJar.get("/js/a.js").etag());
    }

    @Test
    void aJarOrFolderWithoutIndexHtmlIsRefused() throws IOException {
        Path jar = jar(temp.resolve("no-index.jar"), Map.of("web/js/a.js", SCRIPT));
        Path classes = temp.resolve("classes");
        write(classes.resolve("web/js/a.js"), SCRIPT);

        assertThatThrownBy(() -> WebFiles.load(jar)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("web/index.html is missing");
        assertThatThrownBy(() -> WebFiles.load(classes)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("web/index.html is missing");
    }

    @Test
    void everyFileOfTheAppHasATypeOfItsOwn() {
        Map<String, WebFile> files = WebFiles.load();

        assertThat(files).containsKeys("/index.html", "/app.css", "/js/app.js", "/images/bomb.svg");
        files.forEach((path, file) -> assertThat(file.contentType()).as(path).isNotEqualTo("application/octet-stream"));
    }

    private static void assertTheTwoFiles(Map<String, WebFile> files) {
        WebFile index = files.get("/index.html");
        WebFile script = files.get("/js/a.js");
        assertThat(new String(index.content(), StandardCharsets.UTF_8)).isEqualTo(INDEX);
        assertThat(new String(script.content(), StandardCharsets.UTF_8)).isEqualTo(SCRIPT);
        assertThat(index.contentType()).isEqualTo("text/html; charset=utf-8");
        assertThat(script.contentType()).isEqualTo("text/javascript; charset=utf-8");
        assertThat(index.etag()).matches("\"[0-9a-f]{24}\"").isNotEqualTo(script.etag());
        assertThat(script.etag()).matches("\"[0-9a-f]{24}\"");
    }

    /** A jar as the shade plugin writes one: a manifest, folder entries, then the files. */
    private static Path jar(Path file, Map<String, String> entries) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().putValue("Manifest-Version", "1.0");
        Map<String, String> withFolders = new LinkedHashMap<>();
        entries.keySet().stream().sorted().forEach(name -> {
            for (int slash = name.indexOf('/'); slash >= 0; slash = name.indexOf('/', slash + 1)) {
                withFolders.putIfAbsent(name.substring(0, slash + 1), null);
            }
            withFolders.put(name, entries.get(name));
        });
        try (OutputStream out = Files.newOutputStream(file); JarOutputStream jar = new JarOutputStream(out, manifest)) {
            for (Map.Entry<String, String> entry : withFolders.entrySet()) {
                jar.putNextEntry(new JarEntry(entry.getKey()));
                if (entry.getValue() != null) {
                    jar.write(entry.getValue().getBytes(StandardCharsets.UTF_8));
                }
                jar.closeEntry();
            }
        }
        return file;
    }

    private static void write(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
    }
}
