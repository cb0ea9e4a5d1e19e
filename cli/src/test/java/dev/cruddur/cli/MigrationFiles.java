package dev.cruddur.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Versioned migration files ({@code V9__social_core.sql}) as {@code db status} names them ({@code 9 social core}). */
record MigrationFiles(List<String> described) {

    private static final Pattern VERSIONED = Pattern.compile("V(\\d+)__(.+)\\.sql");

    static MigrationFiles in(Path directory) {
        try (Stream<Path> files = Files.list(directory)) {
            return new MigrationFiles(files.map(file -> VERSIONED.matcher(file.getFileName().toString()))
                    .filter(Matcher::matches)
                    .sorted(Comparator.comparingInt(name -> Integer.parseInt(name.group(1))))
                    .map(name -> name.group(1) + " " + name.group(2).replace('_', ' '))
                    .toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int count() {
        return described.size();
    }

    String latest() {
        return described.get(described.size() - 1);
    }
}
