package dev.harbormaster.approval;

import dev.harbormaster.command.ConfigFolder;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The policies of {@code approvals/*.yaml}, read once at start-up. Any invalid file stops the start-up
 * with every problem listed (file, line, field): a policy that silently did not load, or that names an action or
 * environment nothing has, would let risky actions through.
 */
@Startup
@ApplicationScoped
public class ApprovalPolicies {

    static final String FOLDER = "approvals";
    private static final Logger LOG = Logger.getLogger(ApprovalPolicies.class);

    @Inject
    ApprovalSettings settings;
    @Inject
    ApprovalActions actions;
    @Inject
    Organisation organisation;

    private PolicyEvaluator evaluator;

    @PostConstruct
    void load() {
        Map<String, String> files = settings.dir().map(dir -> fromDirectory(Path.of(dir)))
                .orElseGet(() -> fromClasspath(Thread.currentThread().getContextClassLoader()));
        List<ApprovalPolicy> policies = parse(files, new PolicyVocabulary(actions.names(),
                organisation.environments()));
        evaluator = new PolicyEvaluator(policies, settings.expiresAfter());
        LOG.infof("%d approval policies ready from %s: %s", policies.size(),
                settings.dir().orElse("the packaged approvals/ folder"), policies.stream().map(ApprovalPolicy::name).toList());
    }

    public PolicyEvaluator evaluator() {
        return evaluator;
    }

    /** Every file parsed and checked, names unique across files; @throws InvalidPolicyException listing all problems */
    static List<ApprovalPolicy> parse(Map<String, String> files, PolicyVocabulary vocabulary) {
        List<ApprovalPolicy> policies = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Map<String, String> names = new HashMap<>();
        new TreeMap<>(files).forEach((source, text) -> {
            try {
                ApprovalPolicy policy = PolicyFileReader.read(source, text, vocabulary);
                String earlier = names.putIfAbsent(policy.name(), source);
                if (earlier != null) {
                    problems.add(source + ": field `name` `" + policy.name() + "` is already used by " + earlier
                            + "; policy names must be unique");
                } else {
                    policies.add(policy);
                }
            } catch (InvalidPolicyException e) {
                problems.addAll(e.problems());
            }
        });
        if (!problems.isEmpty()) {
            throw new InvalidPolicyException(problems);
        }
        return policies;
    }

    static Map<String, String> fromDirectory(Path directory) {
        if (!Files.isDirectory(directory)) {
            throw new InvalidPolicyException(List.of(directory + " (HARBORMASTER_APPROVALS_DIR) is not a directory"));
        }
        Map<String, String> files = new HashMap<>();
        try {
            readYamlFiles(directory, files);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read approval policies from " + directory, e);
        }
        // An empty folder is what a missing ConfigMap looks like when mounted: it would let every action run unasked.
        if (files.isEmpty()) {
            throw new InvalidPolicyException(List.of(directory + " (HARBORMASTER_APPROVALS_DIR) holds no *.yaml policy; "
                    + "with no policies every gated action would run without approval. Mount the policies, or unset it "
                    + "to use the ones built in"));
        }
        return files;
    }

    static Map<String, String> fromClasspath(ClassLoader classLoader) {
        Map<String, String> files = new HashMap<>();
        try {
            for (URL root : Collections.list(classLoader.getResources(FOLDER))) {
                switch (root.getProtocol()) {
                    case "file" -> readYamlFiles(Path.of(root.toURI()), files);
                    case "jar" -> {
                        Path jar = Path.of(((JarURLConnection) root.openConnection()).getJarFileURL().toURI());
                        try (FileSystem zip = FileSystems.newFileSystem(jar)) {
                            readYamlFiles(zip.getPath("/" + FOLDER), files);
                        }
                    }
                    default -> throw new IOException("unsupported location " + root);
                }
            }
        } catch (IOException | URISyntaxException e) {
            throw new IllegalStateException("Cannot read the approvals/ folder on the classpath", e);
        }
        return files;
    }

    private static void readYamlFiles(Path directory, Map<String, String> files) throws IOException {
        if (!Files.isDirectory(directory)) {
            return;
        }
        try (Stream<Path> entries = Files.list(directory)) {
            // Only visible YAML files count, and not kustomize's kustomization.yaml (see ConfigFolder).
            List<Path> yaml = entries.filter(p -> ConfigFolder.isDataFile(p.getFileName().toString()))
                    .filter(Files::isRegularFile).sorted(Comparator.comparing(p -> p.getFileName().toString())).toList();
            for (Path file : yaml) {
                files.putIfAbsent(FOLDER + "/" + file.getFileName(), Files.readString(file, StandardCharsets.UTF_8));
            }
        }
    }
}
