package dev.harbormaster.command;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;

/** A realistic spec set (src/test/resources/command-specs) shaped like the real commands/ folder. */
final class TestSpecs {

    static final String SLASH = "/platform";

    private TestSpecs() {
    }

    static List<SpecFile> files() {
        try {
            Path directory = Path.of(TestSpecs.class.getResource("/command-specs").toURI());
            CommandSpecLoader.Loaded loaded = CommandSpecLoader.fromDirectory(directory);
            if (!loaded.problems().isEmpty()) {
                throw new IllegalStateException("test specs are broken: " + loaded.problems());
            }
            return loaded.specs();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static CommandIndex index() {
        return CommandIndex.of(files());
    }

    static CommandLineParser parser() {
        return new CommandLineParser(index(), SLASH);
    }

    static SpecFile file(String source, String yaml) {
        return new SpecFile(source, CommandSpecLoader.parse(source, yaml));
    }
}
