package dev.harbormaster.catalog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The real Backstage example descriptors in ../shared/fixtures/backstage (see its README). */
final class BackstageFixtures {

    static final Path DIR = Path.of(System.getProperty("harbormaster.fixtures", "../shared/fixtures"), "backstage");

    private BackstageFixtures() {
    }

    static List<Path> files() {
        try (Stream<Path> walk = Files.walk(DIR)) {
            return walk.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("The fixtures are missing from " + DIR.toAbsolutePath(), e);
        }
    }

    static String name(Path file) {
        return DIR.relativize(file).toString();
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
