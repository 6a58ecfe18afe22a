package dev.harbormaster.deploy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Builds a kustomization: with a real kustomize when one is on the PATH ({@code kustomize build}, or the one inside
 * {@code kubectl kustomize}), otherwise with {@link MiniKustomize}, which is not kustomize.
 */
public final class Kustomize {

    /** The kustomization {@code kubectl apply -k deploy/kubernetes} applies. */
    public static final Path DEPLOY = Path.of("deploy", "kubernetes");

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    private static Optional<List<String>> command;

    private Kustomize() {
    }

    /** What {@code kubectl apply -k deploy/kubernetes} sends, as Fabric8 objects. */
    public static List<HasMetadata> deployObjects() {
        return fabric8(real().map(kustomize -> kustomize.build(DEPLOY)).orElseGet(() -> MiniKustomize.build(DEPLOY)));
    }

    public static List<HasMetadata> fabric8(List<ObjectNode> objects) {
        return objects.stream().map(object -> SERIALIZATION.unmarshal(object.toString(), HasMetadata.class)).toList();
    }

    /** A real kustomize, if this machine has one. */
    public static synchronized Optional<Real> real() {
        if (command == null) {
            command = List.of(List.of("kustomize", "build"), List.of("kubectl", "kustomize")).stream()
                    .filter(candidate -> runs(candidate.get(0), candidate.get(0).equals("kustomize")
                            ? List.of("kustomize", "version") : List.of("kubectl", "version", "--client")))
                    .findFirst();
        }
        return command.map(Real::new);
    }

    private static boolean runs(String program, List<String> versionCommand) {
        try {
            Process process = new ProcessBuilder(versionCommand).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0
                    && (program.equals("kustomize") || output.contains("Kustomize Version: v5"));
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** {@code kustomize build} or {@code kubectl kustomize}. */
    public record Real(List<String> command) {

        public List<ObjectNode> build(Path folder) {
            try {
                return MiniKustomize.documents(run(folder));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** @throws IllegalStateException with kustomize's message when it refuses the kustomization */
        public String run(Path folder) {
            try {
                Path errors = Files.createTempFile("kustomize", ".err");
                try {
                    Process process = new ProcessBuilder(concat(command, folder.toString()))
                            .redirectError(errors.toFile()).start();
                    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                    if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                        throw new IllegalStateException(String.join(" ", command) + " " + folder + ": "
                                + Files.readString(errors));
                    }
                    return output;
                } finally {
                    Files.deleteIfExists(errors);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        private static List<String> concat(List<String> command, String argument) {
            return Stream.concat(command.stream(), Stream.of(argument)).toList();
        }

        @Override
        public String toString() {
            return String.join(" ", command);
        }
    }
}
