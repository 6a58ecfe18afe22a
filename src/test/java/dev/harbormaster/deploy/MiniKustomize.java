package dev.harbormaster.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * NOT kustomize: a small re-implementation of exactly the kustomize features {@code deploy/kubernetes} uses, so that
 * its output can be checked on a machine without kustomize (Debian ships none; its kubectl 1.20 bundles kustomize
 * v2.0.3, which cannot take folders as {@code resources}). Where a real one is on the PATH, KustomizeOutputTest
 * checks that both give the same objects, which keeps this one honest. It follows kustomize v5.5:
 * <ul>
 *     <li>{@code resources}: YAML files (several documents each) inside the kustomization's folder, and folders
 *     anywhere, each built as a kustomization of its own;</li>
 *     <li>{@code configMapGenerator} with {@code files} ({@code path} or {@code key=path}, inside the folder: the
 *     default load restrictor), and {@code generatorOptions} {@code labels}, {@code annotations},
 *     {@code disableNameSuffixHash}; the name suffix is kustomize's content hash;</li>
 *     <li>{@code namespace}: set on every namespaced object, and on the ServiceAccount subjects of RoleBindings and
 *     ClusterRoleBindings that name a ServiceAccount of the build in its former namespace;</li>
 *     <li>the rename of a generated ConfigMap carried into pod templates: {@code volumes[].configMap},
 *     {@code volumes[].projected.sources[].configMap}, {@code envFrom[].configMapRef},
 *     {@code env[].valueFrom.configMapKeyRef}.</li>
 * </ul>
 * Anything else in a kustomization (a field, a generator option, a Namespace object) is refused rather than ignored,
 * so that a kustomization growing past this fails here instead of being checked wrongly.
 */
public final class MiniKustomize {

    private static final YAMLMapper YAML = new YAMLMapper();
    private static final List<String> KUSTOMIZATION_FILES = List.of("kustomization.yaml", "kustomization.yml", "Kustomization");
    private static final Set<String> FIELDS = Set.of("apiVersion", "kind", "resources", "namespace", "configMapGenerator",
            "generatorOptions");
    private static final Set<String> GENERATOR_FIELDS = Set.of("name", "files");
    private static final Set<String> OPTION_FIELDS = Set.of("labels", "annotations", "disableNameSuffixHash");
    private static final Set<String> CLUSTER_SCOPED = Set.of("ClusterRole", "ClusterRoleBinding",
            "CustomResourceDefinition", "PersistentVolume", "StorageClass", "PriorityClass", "IngressClass",
            "ValidatingWebhookConfiguration", "MutatingWebhookConfiguration", "APIService", "RuntimeClass", "CSIDriver");
    private static final Set<String> WORKLOADS = Set.of("Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job");

    /** One object of the build, and the name a generator gave it before the hash suffix (for references to it). */
    private record Resource(ObjectNode object, String generatedFrom) {
    }

    private MiniKustomize() {
    }

    /** The objects {@code kustomize build folder} would print, in no particular order. */
    public static List<ObjectNode> build(Path folder) {
        try {
            return resources(folder.toRealPath()).stream().map(Resource::object).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Resource> resources(Path root) throws IOException {
        Path file = KUSTOMIZATION_FILES.stream().map(root::resolve).filter(Files::isRegularFile).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no kustomization file in " + root));
        JsonNode kustomization = YAML.readTree(file.toFile());
        refuseUnknown(file.toString(), kustomization, FIELDS);
        List<Resource> resources = new ArrayList<>();
        for (JsonNode entry : kustomization.path("resources")) {
            Path path = root.resolve(entry.asText()).normalize();
            if (Files.isDirectory(path)) {
                resources.addAll(resources(path.toRealPath()));
            } else {
                for (ObjectNode object : documents(inside(root, entry.asText()))) {
                    resources.add(new Resource(object, null));
                }
            }
        }
        JsonNode options = kustomization.path("generatorOptions");
        refuseUnknown(file + " generatorOptions", options, OPTION_FIELDS);
        for (JsonNode generator : kustomization.path("configMapGenerator")) {
            refuseUnknown(file + " configMapGenerator", generator, GENERATOR_FIELDS);
            resources.add(configMap(root, generator, options));
        }
        if (kustomization.has("namespace")) {
            setNamespace(resources, kustomization.path("namespace").asText());
        }
        renameReferences(resources);
        return resources;
    }

    private static void refuseUnknown(String where, JsonNode node, Set<String> known) {
        node.fieldNames().forEachRemaining(field -> {
            if (!known.contains(field)) {
                throw new UnsupportedOperationException(where + ": `" + field + "` is not implemented by MiniKustomize");
            }
        });
    }

    /** kustomize's default load restrictor (LoadRestrictionsRootOnly): a file, links resolved, inside the root. */
    private static Path inside(Path root, String name) throws IOException {
        Path file = root.resolve(name).toRealPath();
        if (!file.startsWith(root)) {
            throw new IllegalArgumentException("security; file '" + file + "' is not in or below '" + root + "'");
        }
        return file;
    }

    private static List<ObjectNode> documents(Path file) throws IOException {
        List<ObjectNode> objects = new ArrayList<>();
        try (MappingIterator<JsonNode> documents = YAML.readerFor(JsonNode.class).readValues(file.toFile())) {
            while (documents.hasNext()) {
                JsonNode document = documents.next();
                if (document instanceof ObjectNode object && !object.isEmpty()) {
                    if (object.path("kind").asText().equals("Namespace")) {
                        throw new UnsupportedOperationException(file + ": a Namespace object is not implemented by MiniKustomize");
                    }
                    objects.add(object);
                }
            }
        }
        return objects;
    }

    private static Resource configMap(Path root, JsonNode generator, JsonNode options) throws IOException {
        String name = generator.path("name").asText();
        Map<String, String> data = new TreeMap<>();
        for (JsonNode source : generator.path("files")) {
            String text = source.asText();
            int equals = text.indexOf('=');
            String path = equals < 0 ? text : text.substring(equals + 1);
            Path file = inside(root, path);
            String key = equals < 0 ? file.getFileName().toString() : text.substring(0, equals);
            if (data.put(key, utf8(file)) != null) {
                throw new IllegalArgumentException("configMapGenerator " + name + ": key " + key + " given twice");
            }
        }
        ObjectNode object = YAML.createObjectNode();
        object.put("apiVersion", "v1");
        object.put("kind", "ConfigMap");
        ObjectNode metadata = object.putObject("metadata");
        boolean hash = !options.path("disableNameSuffixHash").asBoolean(false);
        metadata.put("name", hash ? name + "-" + hashSuffix(data) : name);
        for (String field : List.of("labels", "annotations")) {
            if (options.has(field)) {
                metadata.set(field, options.get(field).deepCopy());
            }
        }
        ObjectNode dataNode = object.putObject("data");
        data.forEach(dataNode::put);
        return new Resource(object, name);
    }

    private static String utf8(Path file) throws IOException {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(Files.readAllBytes(file))).toString();
        } catch (CharacterCodingException e) {
            throw new UnsupportedOperationException(file + " is not UTF-8 text: binaryData is not implemented by MiniKustomize");
        }
    }

    /**
     * kustomize's suffix: SHA-256 of Go's {@code json.Marshal} of {@code {"data":…,"kind":"ConfigMap","name":""}}
     * (keys sorted), its first ten hex digits with 0, 1, 3, a, e written g, h, k, m, t. The name is empty, not the
     * ConfigMap's: kustomize's hasher looks it up as one field called "metadata/name", finds none and hashes "" (seen
     * in v5.5's output), so only the data counts.
     */
    static String hashSuffix(Map<String, String> data) {
        StringBuilder json = new StringBuilder("{\"data\":{");
        String separator = "";
        for (Map.Entry<String, String> entry : new TreeMap<>(data).entrySet()) {
            json.append(separator).append(goJson(entry.getKey())).append(':').append(goJson(entry.getValue()));
            separator = ",";
        }
        json.append("},\"kind\":\"ConfigMap\",\"name\":\"\"}");
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(json.toString().getBytes(StandardCharsets.UTF_8));
            char[] suffix = HexFormat.of().formatHex(digest).substring(0, 10).toCharArray();
            for (int i = 0; i < suffix.length; i++) {
                suffix[i] = switch (suffix[i]) {
                    case '0' -> 'g';
                    case '1' -> 'h';
                    case '3' -> 'k';
                    case 'a' -> 'm';
                    case 'e' -> 't';
                    default -> suffix[i];
                };
            }
            return new String(suffix);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A string as Go's encoding/json writes it (HTML-safe: {@code <>&} escaped, as are U+2028 and U+2029). */
    static String goJson(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == '\u2028' || c == '\u2029') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    private static void setNamespace(List<Resource> resources, String namespace) {
        // ServiceAccounts of this build by name and namespace before the change, for the bindings' subjects.
        List<String> accounts = resources.stream().map(Resource::object)
                .filter(object -> object.path("kind").asText().equals("ServiceAccount"))
                .map(object -> object.path("metadata").path("name").asText() + "/" + namespaceOf(object)).toList();
        for (Resource resource : resources) {
            ObjectNode object = resource.object();
            String kind = object.path("kind").asText();
            if (!CLUSTER_SCOPED.contains(kind)) {
                ((ObjectNode) object.path("metadata")).put("namespace", namespace);
            }
            if (kind.equals("RoleBinding") || kind.equals("ClusterRoleBinding")) {
                for (JsonNode subject : object.path("subjects")) {
                    String former = subject.path("namespace").asText("");
                    if (subject.path("kind").asText().equals("ServiceAccount")
                            && accounts.contains(subject.path("name").asText() + "/" + former)) {
                        ((ObjectNode) subject).put("namespace", namespace);
                    }
                }
            }
        }
    }

    private static String namespaceOf(JsonNode object) {
        return object.path("metadata").path("namespace").asText("");
    }

    private static void renameReferences(List<Resource> resources) {
        for (Resource generated : resources) {
            String name = generated.object().path("metadata").path("name").asText();
            if (generated.generatedFrom() == null || generated.generatedFrom().equals(name)) {
                continue;
            }
            for (Resource resource : resources) {
                JsonNode object = resource.object();
                if (WORKLOADS.contains(object.path("kind").asText())
                        && namespaceOf(object).equals(namespaceOf(generated.object()))) {
                    rename(object.path("spec").path("template").path("spec"), generated.generatedFrom(), name);
                }
            }
        }
    }

    private static void rename(JsonNode podSpec, String from, String to) {
        Consumer<JsonNode> reference = node -> {
            if (node instanceof ObjectNode object && Objects.equals(object.path("name").asText(null), from)) {
                object.put("name", to);
            }
        };
        for (JsonNode volume : podSpec.path("volumes")) {
            reference.accept(volume.path("configMap"));
            for (JsonNode source : volume.path("projected").path("sources")) {
                reference.accept(source.path("configMap"));
            }
        }
        for (String containers : List.of("containers", "initContainers")) {
            for (JsonNode container : podSpec.path(containers)) {
                for (JsonNode envFrom : container.path("envFrom")) {
                    reference.accept(envFrom.path("configMapRef"));
                }
                for (JsonNode env : container.path("env")) {
                    reference.accept(env.path("valueFrom").path("configMapKeyRef"));
                }
            }
        }
    }

    /** For tests that take a real kustomize's output apart the same way. */
    static List<ObjectNode> documents(String yaml) throws IOException {
        List<ObjectNode> objects = new ArrayList<>();
        try (MappingIterator<JsonNode> documents = YAML.readerFor(JsonNode.class).readValues(yaml)) {
            for (Iterator<JsonNode> it = documents; it.hasNext(); ) {
                if (it.next() instanceof ObjectNode object && !object.isEmpty()) {
                    objects.add(object);
                }
            }
        }
        return objects;
    }
}
