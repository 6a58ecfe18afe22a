package dev.harbormaster.command;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CommandSpecLoaderTest {

    private static final String GOOD = """
            name: team
            summary: Show a team
            usage: team <name>
            arguments:
              - name: name
                type: team
                required: true
            examples:
              - team payments
            """;

    static Stream<Arguments> badSpecs() {
        return Stream.of(
                Arguments.of("no name", "summary: s\nusage: x\n", "commands/x.yaml: field `name` is missing"),
                Arguments.of("name not lowercase words", "name: Service  Edit\nsummary: s\nusage: Service  Edit\n",
                        "commands/x.yaml: field `name` is `Service  Edit`"),
                Arguments.of("no summary", "name: x\nusage: x\n", "commands/x.yaml: field `summary` is missing"),
                Arguments.of("usage not starting with the name", "name: team\nsummary: s\nusage: teams <name>\n",
                        "commands/x.yaml: field `usage` must start with the name `team`"),
                Arguments.of("unknown argument type", GOOD.replace("type: team", "type: teem"),
                        "commands/x.yaml: field `arguments[0].type` is `teem`; use one of"),
                Arguments.of("unknown option type", "name: x\nsummary: s\nusage: x\noptions:\n  - {name: n, type: number}\n",
                        "commands/x.yaml: field `options[0].type` is `number`"),
                Arguments.of("required after optional",
                        "name: x\nsummary: s\nusage: x\narguments:\n  - {name: a, type: string}\n  - {name: b, type: string, required: true}\n",
                        "commands/x.yaml: field `arguments[1]` is required but follows an optional argument"),
                Arguments.of("text not last",
                        "name: x\nsummary: s\nusage: x\narguments:\n  - {name: a, type: text}\n  - {name: b, type: string}\n",
                        "commands/x.yaml: field `arguments[0]` has type `text`"),
                Arguments.of("example not starting with the name", GOOD.replace("- team payments", "- teams payments"),
                        "commands/x.yaml: field `examples[0]` must start with the name `team`"),
                Arguments.of("misspelt field", GOOD.replace("summary:", "sumary:"),
                        "commands/x.yaml: unknown field `sumary`"),
                Arguments.of("misspelt nested field", GOOD.replace("required: true", "requird: true"),
                        "commands/x.yaml: unknown field `arguments[0].requird`"),
                Arguments.of("wrong value type", GOOD.replace("required: true", "required: maybe"),
                        "commands/x.yaml: field `arguments[0].required`"),
                Arguments.of("default outside values",
                        "name: x\nsummary: s\nusage: x\noptions:\n  - {name: env, type: string, values: [a, b], default: c}\n",
                        "commands/x.yaml: field `options[0].default` `c` is not one of its `values`"),
                Arguments.of("integer default not a number",
                        "name: x\nsummary: s\nusage: x\noptions:\n  - {name: n, type: integer, default: lots}\n",
                        "commands/x.yaml: field `options[0].default` must be a whole number"),
                Arguments.of("not YAML", "name: [x\n", "commands/x.yaml"),
                Arguments.of("empty", "", "commands/x.yaml: the file is empty"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badSpecs")
    void badSpecIsReportedWithFileAndField(String why, String yaml, String expected) {
        CommandSpecLoader.InvalidSpecException e = assertThrows(CommandSpecLoader.InvalidSpecException.class,
                () -> CommandSpecLoader.parse("commands/x.yaml", yaml));
        assertTrue(e.problems().stream().anyMatch(problem -> problem.startsWith(expected)),
                () -> "expected a problem starting with «" + expected + "» in " + e.problems());
    }

    @Test
    void aDirectoryIsReadAndABadFileDoesNotHideTheGoodOnes(@TempDir Path directory) throws IOException {
        Files.writeString(directory.resolve("team.yaml"), GOOD);
        Files.writeString(directory.resolve("broken.yml"), "name: broken\n");
        Files.writeString(directory.resolve("README.md"), "not a spec");
        Files.createDirectory(directory.resolve("..data"));
        CommandSpecLoader.Loaded loaded = CommandSpecLoader.fromDirectory(directory);
        assertEquals(List.of("team"), loaded.specs().stream().map(file -> file.spec().name()).toList());
        String broken = directory.resolve("broken.yml").toString();
        assertEquals(List.of(broken + ": field `summary` is missing", broken + ": field `usage` is missing"),
                loaded.problems());
    }

    @Test
    void aMissingDirectoryIsAProblemNotACrash(@TempDir Path directory) {
        CommandSpecLoader.Loaded loaded = CommandSpecLoader.fromDirectory(directory.resolve("nope"));
        assertTrue(loaded.problems().get(0).contains("does not exist"));
    }

    @Test
    void specsAreReadFromInsideAJarAsInTheFastJar(@TempDir Path directory) throws IOException {
        Path jar = directory.resolve("app.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("commands/"));
            out.closeEntry();
            out.putNextEntry(new JarEntry("commands/team.yaml"));
            ((OutputStream) out).write(GOOD.getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        try (URLClassLoader loader = new URLClassLoader(new URL[]{jar.toUri().toURL()}, null)) {
            CommandSpecLoader.Loaded loaded = CommandSpecLoader.fromClasspath(loader);
            assertEquals(List.of(), loaded.problems());
            assertEquals(List.of("commands/team.yaml"), loaded.specs().stream().map(SpecFile::source).toList());
        }
    }

    @Test
    void specsAreReadFromAClassesDirectory(@TempDir Path directory) throws IOException {
        Files.createDirectory(directory.resolve("commands"));
        Files.writeString(directory.resolve("commands/team.yaml"), GOOD);
        try (URLClassLoader loader = new URLClassLoader(new URL[]{directory.toUri().toURL()}, null)) {
            assertEquals(List.of("team"), CommandSpecLoader.fromClasspath(loader).specs().stream()
                    .map(file -> file.spec().name()).toList());
        }
    }

    /** The kustomization.yaml that makes the folder a ConfigMap is not a spec: read as one, it would stop the start-up. */
    static final String KUSTOMIZATION = """
            apiVersion: kustomize.config.k8s.io/v1beta1
            kind: Kustomization
            configMapGenerator:
              - name: harbormaster-commands
                files:
                  - team.yaml
            """;

    @Test
    void kustomizeFilesAreNotReadAsSpecs(@TempDir Path directory) throws IOException {
        Path commands = Files.createDirectory(directory.resolve("commands"));
        Files.writeString(commands.resolve("team.yaml"), GOOD);
        for (String name : ConfigFolder.KUSTOMIZATION_FILES) {
            Files.writeString(commands.resolve(name), KUSTOMIZATION);
        }
        CommandSpecLoader.Loaded fromDirectory = CommandSpecLoader.fromDirectory(commands);
        assertEquals(List.of(), fromDirectory.problems());
        assertEquals(List.of(commands.resolve("team.yaml").toString()),
                fromDirectory.specs().stream().map(SpecFile::source).toList());
        try (URLClassLoader loader = new URLClassLoader(new URL[]{directory.toUri().toURL()}, null)) {
            CommandSpecLoader.Loaded fromClasspath = CommandSpecLoader.fromClasspath(loader);
            assertEquals(List.of(), fromClasspath.problems());
            assertEquals(List.of("commands/team.yaml"), fromClasspath.specs().stream().map(SpecFile::source).toList());
        }
    }

    @Test
    void theShippedSpecsAreValid() throws IOException {
        Path folder = Path.of(CommandSpecLoader.FOLDER);
        assertTrue(Files.exists(folder.resolve("kustomization.yaml")), "the folder is also a kustomization");
        CommandSpecLoader.Loaded loaded = CommandSpecLoader.fromDirectory(folder);
        assertEquals(List.of(), loaded.problems());
        assertTrue(loaded.specs().stream().anyMatch(file -> file.spec().name().equals("help")));
        try (Stream<Path> files = Files.list(folder)) {
            assertEquals(files.filter(file -> file.getFileName().toString().endsWith(".yaml")).count() - 1,
                    loaded.specs().size(), "every *.yaml but kustomization.yaml is a spec");
        }
    }
}
