package dev.harbormaster.alert;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The real Alertmanager payloads in ../shared/fixtures/alertmanager (see its README). */
final class AlertFixtures {

    static final Path DIR = Path.of(System.getProperty("harbormaster.fixtures", "../shared/fixtures"), "alertmanager");

    private AlertFixtures() {
    }

    static String read(String name) {
        try {
            return Files.readString(DIR.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException("The fixtures are missing from " + DIR.toAbsolutePath(), e);
        }
    }
}
