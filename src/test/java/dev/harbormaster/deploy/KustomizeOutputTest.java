package dev.harbormaster.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.harbormaster.command.CommandSpecLoader;
import dev.harbormaster.command.ConfigFolder;
import dev.harbormaster.kubernetes.SimulatedCluster;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeProjection;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleRef;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.kubernetes.client.vertx.VertxHttpClientFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What {@code kubectl apply -k deploy/kubernetes} sends to the cluster holds together: one namespace, bindings to the
 * ServiceAccount that exists there, every ConfigMap and Secret the pods read either in the build or the documented
 * Secret, a Service that finds the pods' port, and the commands/approvals ConfigMaps holding every file of the
 * repository's folders under the hashed names the Deployment mounts. Each check runs on the output of a real
 * kustomize when this machine has one (kubectl's, kustomize v5) and always on {@link MiniKustomize}'s, which is not
 * kustomize; where both run, they must agree object for object.
 */
class KustomizeOutputTest {

    private static final Path SECRET_EXAMPLE = Kustomize.DEPLOY.resolve("secret.example.yaml");
    private static final Map<String, Path> FOLDERS = Map.of("HARBORMASTER_COMMANDS_DIR", Path.of("commands"),
            "HARBORMASTER_APPROVALS_DIR", Path.of("approvals"));
    private static final Map<String, List<HasMetadata>> BUILDS = new LinkedHashMap<>();

    static synchronized Stream<Named<List<HasMetadata>>> builds() {
        if (BUILDS.isEmpty()) {
            Kustomize.real().ifPresent(real -> BUILDS.put(real.toString(), Kustomize.fabric8(real.build(Kustomize.DEPLOY))));
            BUILDS.put("MiniKustomize (not kustomize)", Kustomize.fabric8(MiniKustomize.build(Kustomize.DEPLOY)));
        }
        return BUILDS.entrySet().stream().map(build -> Named.of(build.getKey(), build.getValue()));
    }

    @ParameterizedTest
    @MethodSource("builds")
    void everyNamespacedObjectIsInTheKustomizationsNamespaceAndNothingElseIs(List<HasMetadata> objects) throws IOException {
        String namespace = namespace();
        assertEquals(Set.of("ClusterRole", "ClusterRoleBinding", "ConfigMap", "Deployment", "PodDisruptionBudget", "Role",
                "RoleBinding", "Service", "ServiceAccount"), objects.stream().map(HasMetadata::getKind).collect(Collectors.toSet()));
        for (HasMetadata object : objects) {
            assertEquals(object instanceof Namespaced ? namespace : null, object.getMetadata().getNamespace(), name(object));
        }
        assertEquals(objects.size(), objects.stream().map(KustomizeOutputTest::name).distinct().count(), "no object twice");
    }

    @ParameterizedTest
    @MethodSource("builds")
    void theBindingsGrantExistingRolesToTheServiceAccountThatExistsInThatNamespace(List<HasMetadata> objects) {
        List<Subject> subjects = new ArrayList<>();
        for (HasMetadata object : objects) {
            if (object instanceof ClusterRoleBinding binding) {
                assertExists(objects, binding.getRoleRef(), null);
                binding.getSubjects().forEach(subject -> {
                    assertNotNull(subject.getNamespace(), "a ClusterRoleBinding's ServiceAccount needs a namespace: " + subject);
                    subjects.add(subject);
                });
            } else if (object instanceof RoleBinding binding) {
                assertExists(objects, binding.getRoleRef(), binding.getMetadata().getNamespace());
                binding.getSubjects().forEach(subject -> subjects.add(new Subject(subject.getApiGroup(), subject.getKind(),
                        subject.getName(), Optional.ofNullable(subject.getNamespace()).orElse(binding.getMetadata().getNamespace()))));
            }
        }
        assertEquals(2, subjects.size(), subjects.toString());
        for (Subject subject : subjects) {
            assertEquals("ServiceAccount", subject.getKind());
            assertTrue(find(objects, ServiceAccount.class, subject.getName(), subject.getNamespace()).isPresent(),
                    "no ServiceAccount " + subject.getNamespace() + "/" + subject.getName());
        }
    }

    @ParameterizedTest
    @MethodSource("builds")
    void thePodsRunAsAServiceAccountOfTheBuild(List<HasMetadata> objects) {
        Deployment deployment = deployment(objects);
        String account = deployment.getSpec().getTemplate().getSpec().getServiceAccountName();
        assertTrue(find(objects, ServiceAccount.class, account, deployment.getMetadata().getNamespace()).isPresent(), account);
    }

    @ParameterizedTest
    @MethodSource("builds")
    void everyConfigMapAndSecretThePodsReadIsInTheBuildOrIsTheDocumentedSecret(List<HasMetadata> objects) throws IOException {
        Deployment deployment = deployment(objects);
        String namespace = deployment.getMetadata().getNamespace();
        Secret documented = new KubernetesSerialization().unmarshal(Files.readString(SECRET_EXAMPLE), Secret.class);
        Set<String> read = new TreeSet<>();
        PodSpec pod = deployment.getSpec().getTemplate().getSpec();
        for (Volume volume : pod.getVolumes()) {
            if (volume.getConfigMap() != null) {
                read.add(configMapUsed(objects, namespace, volume.getConfigMap().getName(), null));
            }
            if (volume.getSecret() != null) {
                read.add(secretUsed(objects, documented, namespace, volume.getSecret().getSecretName(), null));
            }
            if (volume.getProjected() != null) {
                for (VolumeProjection source : volume.getProjected().getSources()) {
                    if (source.getConfigMap() != null) {
                        read.add(configMapUsed(objects, namespace, source.getConfigMap().getName(), null));
                    }
                    if (source.getSecret() != null) {
                        read.add(secretUsed(objects, documented, namespace, source.getSecret().getName(), null));
                    }
                }
            }
        }
        for (Container container : Stream.concat(pod.getContainers().stream(), pod.getInitContainers().stream()).toList()) {
            for (EnvFromSource source : container.getEnvFrom()) {
                if (source.getConfigMapRef() != null) {
                    read.add(configMapUsed(objects, namespace, source.getConfigMapRef().getName(), null));
                }
                if (source.getSecretRef() != null) {
                    read.add(secretUsed(objects, documented, namespace, source.getSecretRef().getName(), null));
                }
            }
            for (EnvVar env : container.getEnv()) {
                if (env.getValueFrom() != null && env.getValueFrom().getConfigMapKeyRef() != null) {
                    read.add(configMapUsed(objects, namespace, env.getValueFrom().getConfigMapKeyRef().getName(),
                            env.getValueFrom().getConfigMapKeyRef().getKey()));
                }
                if (env.getValueFrom() != null && env.getValueFrom().getSecretKeyRef() != null) {
                    read.add(secretUsed(objects, documented, namespace, env.getValueFrom().getSecretKeyRef().getName(),
                            env.getValueFrom().getSecretKeyRef().getKey()));
                }
            }
        }
        assertEquals(Set.of("ConfigMap harbormaster", "ConfigMap harbormaster-approvals (generated)",
                "ConfigMap harbormaster-commands (generated)", "Secret harbormaster (secret.example.yaml)"), read);
    }

    @ParameterizedTest
    @MethodSource("builds")
    void theServiceAndTheDisruptionBudgetSelectThePodsAndTheServiceTargetsANamedContainerPort(List<HasMetadata> objects) {
        Deployment deployment = deployment(objects);
        Map<String, String> podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();
        assertTrue(podLabels.entrySet().containsAll(deployment.getSpec().getSelector().getMatchLabels().entrySet()));
        List<Container> containers = deployment.getSpec().getTemplate().getSpec().getContainers();
        Set<String> portNames = containers.stream().flatMap(container -> container.getPorts().stream())
                .map(ContainerPort::getName).collect(Collectors.toSet());
        Set<Integer> portNumbers = containers.stream().flatMap(container -> container.getPorts().stream())
                .map(ContainerPort::getContainerPort).collect(Collectors.toSet());

        List<Service> services = all(objects, Service.class);
        assertEquals(1, services.size());
        for (Service service : services) {
            assertEquals(deployment.getMetadata().getNamespace(), service.getMetadata().getNamespace());
            assertFalse(service.getSpec().getSelector().isEmpty());
            assertTrue(podLabels.entrySet().containsAll(service.getSpec().getSelector().entrySet()),
                    service.getSpec().getSelector() + " does not select " + podLabels);
            for (ServicePort port : service.getSpec().getPorts()) {
                assertPort(port.getTargetPort(), portNames, portNumbers, "Service port " + port.getName());
            }
        }
        for (PodDisruptionBudget budget : all(objects, PodDisruptionBudget.class)) {
            assertTrue(podLabels.entrySet().containsAll(budget.getSpec().getSelector().getMatchLabels().entrySet()));
        }
        for (Container container : containers) {
            for (Probe probe : Stream.of(container.getStartupProbe(), container.getReadinessProbe(),
                    container.getLivenessProbe()).filter(Objects::nonNull).toList()) {
                assertPort(probe.getHttpGet().getPort(), portNames, portNumbers, "a probe of " + container.getName());
            }
        }
    }

    /**
     * Where the bot reads its specs and policies (the ConfigMap's HARBORMASTER_*_DIR), what is mounted there (a
     * generated ConfigMap, under the name with its hash), and that it holds every file the bot would read from the
     * repository's folder, byte for byte: a new command file that is not in commands/kustomization.yaml fails here.
     */
    @ParameterizedTest
    @MethodSource("builds")
    void theMountedCommandsAndApprovalsAreEveryFileOfTheRepositoryFolders(List<HasMetadata> objects,
            @TempDir Path mounted) throws IOException {
        Deployment deployment = deployment(objects);
        String namespace = deployment.getMetadata().getNamespace();
        Map<String, String> settings = find(objects, ConfigMap.class, "harbormaster", namespace).orElseThrow().getData();
        Container container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
        for (Map.Entry<String, Path> folder : FOLDERS.entrySet()) {
            String directory = settings.get(folder.getKey());
            VolumeMount mount = container.getVolumeMounts().stream().filter(m -> m.getMountPath().equals(directory))
                    .findFirst().orElseThrow(() -> new AssertionError("nothing is mounted at " + directory));
            Volume volume = deployment.getSpec().getTemplate().getSpec().getVolumes().stream()
                    .filter(v -> v.getName().equals(mount.getName())).findFirst().orElseThrow();
            String generator = "harbormaster-" + folder.getValue();
            assertTrue(volume.getConfigMap().getName().matches(generator + "-[a-z0-9]{10}"),
                    "mounted under the generated name: " + volume.getConfigMap().getName());
            ConfigMap configMap = find(objects, ConfigMap.class, volume.getConfigMap().getName(), namespace)
                    .orElseThrow(() -> new AssertionError("no ConfigMap " + volume.getConfigMap().getName()));
            Map<String, String> files = repositoryFiles(folder.getValue());
            Set<String> missing = new TreeSet<>(files.keySet());
            missing.removeAll(configMap.getData().keySet());
            assertEquals(Set.of(), missing, "add these files to " + folder.getValue() + "/kustomization.yaml");
            assertEquals(files, configMap.getData(), "the ConfigMap holds the files of " + folder.getValue() + "/ as they are");
            assertEquals(Map.of("app.kubernetes.io/name", "harbormaster", "app.kubernetes.io/component", folder.getValue().toString()),
                    configMap.getMetadata().getLabels());
            Path copy = Files.createDirectories(mounted.resolve(folder.getValue()));
            for (Map.Entry<String, String> file : configMap.getData().entrySet()) {
                Files.writeString(copy.resolve(file.getKey()), file.getValue());
            }
        }
        CommandSpecLoader.Loaded specs = CommandSpecLoader.fromDirectory(mounted.resolve("commands"));
        assertEquals(List.of(), specs.problems());
        assertEquals(repositoryFiles(Path.of("commands")).size(), specs.specs().size());
    }

    @Test
    void miniKustomizeGivesWhatKustomizeGives() {
        Optional<Kustomize.Real> real = Kustomize.real();
        assumeTrue(real.isPresent(), "no kustomize on this machine");
        assertEquals(byName(real.get().build(Kustomize.DEPLOY)), byName(MiniKustomize.build(Kustomize.DEPLOY)));
    }

    /** The suffix kustomize v5.5 gave a ConfigMap whose text Go's JSON escapes. */
    @Test
    void theNameSuffixIsKustomizesHash() {
        assertEquals("57fkb7f9fh", MiniKustomize.hashSuffix(Map.of("a.yaml", "x: <&>\n")));
    }

    /**
     * Why each data folder has its own kustomization: one in deploy/kubernetes may not read ../../commands/*.yaml,
     * with kustomize as with MiniKustomize.
     */
    @Test
    void aKustomizationCannotReadFilesOutsideItsFolder(@TempDir Path work) throws IOException {
        Path data = Files.createDirectories(work.resolve("commands"));
        Files.writeString(data.resolve("help.yaml"), "name: help\n");
        Path deploy = Files.createDirectories(work.resolve("deploy"));
        Files.writeString(deploy.resolve("kustomization.yaml"), """
                configMapGenerator:
                  - name: harbormaster-commands
                    files: [../commands/help.yaml]
                """);
        assertThrows(IllegalArgumentException.class, () -> MiniKustomize.build(deploy));
        Kustomize.real().ifPresent(real -> assertTrue(
                assertThrows(IllegalStateException.class, () -> real.run(deploy)).getMessage().contains("security"),
                "kustomize's load restrictor"));
        Files.writeString(data.resolve("kustomization.yaml"), """
                configMapGenerator:
                  - name: harbormaster-commands
                    files: [help.yaml]
                """);
        Files.writeString(deploy.resolve("kustomization.yaml"), "resources: [../commands]\n");
        assertEquals(1, MiniKustomize.build(deploy).size());
        Kustomize.real().ifPresent(real -> assertEquals(byName(real.build(deploy)), byName(MiniKustomize.build(deploy))));
    }

    /** The API server's side, as far as Fabric8's mock server in CRUD mode goes: it stores every object as sent. */
    @ParameterizedTest
    @MethodSource("builds")
    void theMockApiServerTakesEveryObject(List<HasMetadata> objects) {
        try (SimulatedCluster cluster = SimulatedCluster.start(new VertxHttpClientFactory())) {
            KubernetesClient client = cluster.client();
            for (HasMetadata object : objects) {
                client.resource(object).create();
            }
            Deployment deployment = deployment(objects);
            String namespace = deployment.getMetadata().getNamespace();
            Deployment stored = client.apps().deployments().inNamespace(namespace).withName("harbormaster").get();
            assertEquals(deployment.getSpec(), stored.getSpec());
            for (Volume volume : stored.getSpec().getTemplate().getSpec().getVolumes()) {
                if (volume.getConfigMap() != null) {
                    assertNotNull(client.configMaps().inNamespace(namespace).withName(volume.getConfigMap().getName()).get(),
                            volume.getConfigMap().getName());
                }
            }
            ClusterRoleBinding binding = client.rbac().clusterRoleBindings().withName("harbormaster-workloads").get();
            Subject subject = binding.getSubjects().get(0);
            assertNotNull(client.serviceAccounts().inNamespace(subject.getNamespace()).withName(subject.getName()).get());
            assertEquals(objects.size(), objects.stream().filter(object -> client.resource(object).get() != null).count());
        }
    }

    private static String namespace() throws IOException {
        String namespace = new YAMLMapper().readTree(Kustomize.DEPLOY.resolve("kustomization.yaml").toFile())
                .path("namespace").asText();
        assertFalse(namespace.isBlank(), "kustomization.yaml names the namespace");
        return namespace;
    }

    private static Map<String, String> repositoryFiles(Path folder) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> listing = Files.list(folder)) {
            for (Path file : listing.filter(file -> ConfigFolder.isDataFile(file.getFileName().toString())).toList()) {
                files.put(file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8));
            }
        }
        assertFalse(files.isEmpty(), folder.toString());
        return files;
    }

    private static String configMapUsed(List<HasMetadata> objects, String namespace, String name, String key) {
        ConfigMap configMap = find(objects, ConfigMap.class, name, namespace)
                .orElseThrow(() -> new AssertionError("the pods read ConfigMap " + name + ", which the build lacks"));
        assertTrue(key == null || configMap.getData().containsKey(key), name + " has no key " + key);
        String generated = name.replaceFirst("-[a-z0-9]{10}$", "");
        return "ConfigMap " + (generated.equals(name) ? name : generated + " (generated)");
    }

    private static String secretUsed(List<HasMetadata> objects, Secret documented, String namespace, String name, String key) {
        Optional<Secret> inBuild = find(objects, Secret.class, name, namespace);
        if (inBuild.isPresent()) {
            return "Secret " + name;
        }
        assertEquals(documented.getMetadata().getName(), name, "the pods read Secret " + name
                + ", which neither the build nor secret.example.yaml has");
        assertTrue(key == null || documented.getStringData().containsKey(key), "secret.example.yaml has no key " + key);
        return "Secret " + name + " (secret.example.yaml)";
    }

    private static void assertExists(List<HasMetadata> objects, RoleRef role, String namespace) {
        assertTrue(objects.stream().anyMatch(object -> object.getKind().equals(role.getKind())
                        && object.getMetadata().getName().equals(role.getName())
                        && (role.getKind().equals("ClusterRole") || Objects.equals(namespace, object.getMetadata().getNamespace()))),
                "no " + role.getKind() + " " + role.getName());
    }

    private static void assertPort(IntOrString port, Set<String> names, Set<Integer> numbers, String what) {
        if (port.getStrVal() != null) {
            assertTrue(names.contains(port.getStrVal()), what + " targets port " + port.getStrVal() + ", not in " + names);
        } else {
            assertTrue(numbers.contains(port.getIntVal()), what + " targets port " + port.getIntVal() + ", not in " + numbers);
        }
    }

    private static Deployment deployment(List<HasMetadata> objects) {
        List<Deployment> deployments = all(objects, Deployment.class);
        assertEquals(1, deployments.size());
        return deployments.get(0);
    }

    private static <T extends HasMetadata> List<T> all(List<HasMetadata> objects, Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    private static <T extends HasMetadata> Optional<T> find(List<HasMetadata> objects, Class<T> type, String name, String namespace) {
        return all(objects, type).stream().filter(object -> object.getMetadata().getName().equals(name)
                && Objects.equals(object.getMetadata().getNamespace(), namespace)).findFirst();
    }

    private static String name(HasMetadata object) {
        return object.getKind() + " " + object.getMetadata().getNamespace() + "/" + object.getMetadata().getName();
    }

    private static Map<String, ObjectNode> byName(List<ObjectNode> objects) {
        Map<String, ObjectNode> named = objects.stream().collect(Collectors.toMap(
                object -> object.path("kind").asText() + " " + object.path("metadata").path("namespace").asText()
                        + "/" + object.path("metadata").path("name").asText(), Function.identity(), (a, b) -> {
                    throw new AssertionError("twice: " + a);
                }, TreeMap::new));
        assertNotEquals(0, named.size());
        return named;
    }
}
