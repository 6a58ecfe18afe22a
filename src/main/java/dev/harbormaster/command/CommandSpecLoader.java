package dev.harbormaster.command;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Reads {@code commands/*.yaml} from a directory (a mounted ConfigMap) or from the classpath folder
 * {@code commands/}, whether the classes are a directory (tests, dev mode) or a jar (the fast-jar).
 * Nothing here throws for a bad file: every problem is collected so the start-up can report them all at once.
 */
public final class CommandSpecLoader {

    public static final String FOLDER = "commands";

    private static final YAMLMapper YAML = new YAMLMapper();

    /** Specs read, in file-name order, and what was wrong with the files that could not be used. */
    public record Loaded(List<SpecFile> specs, List<String> problems) {
        public Loaded {
            specs = List.copyOf(specs);
            problems = List.copyOf(problems);
        }
    }

    private CommandSpecLoader() {
    }

    public static Loaded fromDirectory(Path directory) {
        if (!Files.isDirectory(directory)) {
            return new Loaded(List.of(), List.of("the commands directory " + directory + " does not exist"));
        }
        Map<String, String> files = new LinkedHashMap<>();
        try {
            readYamlFiles(directory, directory.toString(), files);
        } catch (IOException | UncheckedIOException e) {
            return new Loaded(List.of(), List.of("cannot read the commands directory " + directory + ": " + e.getMessage()));
        }
        return parseAll(files);
    }

    /**
     * Reads every {@code commands/*.yaml} the class loader can see. A file name seen in two places (a
     * directory and a jar of the same build) is read once, from the first place.
     */
    public static Loaded fromClasspath(ClassLoader classLoader) {
        Map<String, String> files = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        try {
            List<URL> roots = Collections.list(classLoader.getResources(FOLDER));
            if (roots.isEmpty()) {
                return new Loaded(List.of(), List.of("there is no `" + FOLDER + "/` folder on the classpath"));
            }
            for (URL root : roots) {
                readRoot(root, files);
            }
        } catch (IOException | UncheckedIOException | URISyntaxException e) {
            problems.add("cannot read the `" + FOLDER + "/` folder on the classpath: " + e.getMessage());
        }
        Loaded loaded = parseAll(files);
        problems.addAll(loaded.problems());
        return new Loaded(loaded.specs(), problems);
    }

    private static void readRoot(URL root, Map<String, String> files) throws IOException, URISyntaxException {
        switch (root.getProtocol()) {
            case "file" -> readYamlFiles(Path.of(root.toURI()), FOLDER, files);
            case "jar" -> {
                JarURLConnection connection = (JarURLConnection) root.openConnection();
                Path jar = Path.of(connection.getJarFileURL().toURI());
                try (FileSystem zip = FileSystems.newFileSystem(jar)) {
                    readYamlFiles(zip.getPath("/" + FOLDER), FOLDER, files);
                }
            }
            default -> throw new IOException("unsupported location " + root);
        }
    }

    /** Reads the YAML files of {@code directory}, naming each {@code <label>/<file name>} in problems. */
    private static void readYamlFiles(Path directory, String label, Map<String, String> files) throws IOException {
        if (!Files.isDirectory(directory)) {
            return;
        }
        try (Stream<Path> entries = Files.list(directory)) {
            // Only visible YAML files count, and not kustomize's kustomization.yaml (see ConfigFolder).
            List<Path> yaml = entries
                    .filter(path -> ConfigFolder.isDataFile(path.getFileName().toString()))
                    .filter(Files::isRegularFile)
                    .sorted(Comparator.comparing(path -> path.getFileName().toString()))
                    .toList();
            for (Path file : yaml) {
                String source = label + "/" + file.getFileName();
                if (!files.containsKey(source)) {
                    files.put(source, Files.readString(file, StandardCharsets.UTF_8));
                }
            }
        }
    }

    private static Loaded parseAll(Map<String, String> files) {
        List<SpecFile> specs = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        files.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(file -> {
            try {
                specs.add(new SpecFile(file.getKey(), parse(file.getKey(), file.getValue())));
            } catch (InvalidSpecException e) {
                problems.addAll(e.problems());
            }
        });
        return new Loaded(specs, problems);
    }

    /** Reads one spec; the exception message names the file and the field that is wrong. */
    public static CommandSpec parse(String source, String yaml) {
        if (yaml.isBlank()) {
            throw new InvalidSpecException(source + ": the file is empty");
        }
        CommandSpec spec;
        try {
            spec = YAML.readValue(yaml, CommandSpec.class);
        } catch (UnrecognizedPropertyException e) {
            throw new InvalidSpecException(source + ": unknown field `" + fieldPath(e) + "`; known fields here: "
                    + e.getKnownPropertyIds());
        } catch (JsonMappingException e) {
            String field = fieldPath(e);
            throw new InvalidSpecException(source + (field.isEmpty() ? "" : ": field `" + field + "`") + ": "
                    + firstLine(e.getOriginalMessage()));
        } catch (JsonProcessingException e) {
            throw new InvalidSpecException(source + ": not valid YAML"
                    + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()) + ": "
                    + firstLine(e.getOriginalMessage()));
        }
        if (spec == null) {
            throw new InvalidSpecException(source + ": the file is empty");
        }
        List<String> problems = CommandSpecValidator.problems(source, spec);
        if (!problems.isEmpty()) {
            throw new InvalidSpecException(problems);
        }
        return spec;
    }

    private static String fieldPath(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    /** A spec file that cannot be used; the message says which file and which field. */
    public static final class InvalidSpecException extends RuntimeException {
        private final List<String> problems;

        InvalidSpecException(String problem) {
            this(List.of(problem));
        }

        InvalidSpecException(List<String> problems) {
            super(String.join("\n", problems));
            this.problems = List.copyOf(problems);
        }

        public List<String> problems() {
            return problems;
        }
    }
}
