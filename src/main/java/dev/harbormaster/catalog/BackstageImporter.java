package dev.harbormaster.catalog;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.harbormaster.catalog.BackstageEntity.ComponentEntity;
import dev.harbormaster.catalog.BackstageEntity.GroupEntity;
import dev.harbormaster.catalog.BackstageEntity.SystemEntity;
import dev.harbormaster.catalog.BackstageEntity.UserEntity;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Reads Backstage catalog descriptors (multi-document YAML) and validates them by Backstage's rules,
 * plus Harbormaster's own annotations and {@code spec.harbormaster} block. Pure: it writes nothing,
 * so a file can be checked completely before any of it is stored.
 */
public final class BackstageImporter {

    static final Set<String> API_VERSIONS = Set.of("backstage.io/v1alpha1", "backstage.io/v1beta1");
    static final Pattern NAME = Pattern.compile("^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$");
    static final Pattern NAMESPACE = Pattern.compile("^[a-z0-9]+(-[a-z0-9]+)*$");
    static final Pattern TAG = Pattern.compile("^[a-z0-9:+#]+(-[a-z0-9:+#]+)*$");
    static final int MAX_NAME_LENGTH = 63;
    static final String NAME_RULE = "use letters, digits, '-', '_' and '.', start and end with a letter or digit, "
            + "at most 63 characters";

    public static final String TIER = "harbormaster.dev/tier";
    public static final String COST_CENTER = "harbormaster.dev/cost-center";
    public static final String RUNBOOK = "harbormaster.dev/runbook";
    public static final String SLACK_CHANNEL = "harbormaster.dev/slack-channel";
    public static final String ON_CALL = "harbormaster.dev/on-call";
    /** The team's time zone (an IANA id such as Europe/Dublin), e.g. for "silence until 09:00 tomorrow". */
    public static final String TIME_ZONE = "harbormaster.dev/timezone";
    static final String SOURCE_LOCATION = "backstage.io/source-location";
    static final String GITHUB_SLUG = "github.com/project-slug";
    static final String KUBERNETES_ID = "backstage.io/kubernetes-id";

    private static final YAMLMapper YAML = new YAMLMapper();

    /** The environments the platform has; an environment named otherwise is a problem (empty: any name). */
    private final Set<String> knownEnvironments;

    /** Accepts any environment name: for reading descriptors only, never for writing them to the catalog. */
    public BackstageImporter() {
        this(Set.of());
    }

    public BackstageImporter(Set<String> knownEnvironments) {
        this.knownEnvironments = Set.copyOf(knownEnvironments);
    }

    /** Reads every document of {@code yaml}; {@code file} names it in problems. */
    public BackstageFile read(String file, String yaml) {
        List<BackstageEntity> entities = new ArrayList<>();
        Map<String, Integer> skipped = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        int index = 0;
        try (JsonParser parser = YAML.createParser(yaml);
             MappingIterator<JsonNode> documents = YAML.readValues(parser, JsonNode.class)) {
            while (documents.hasNextValue()) {
                JsonNode document = documents.nextValue();
                index++;
                if (document == null || document.isMissingNode() || document.isNull()) {
                    continue;
                }
                Document context = new Document(file, index, problems, warnings);
                BackstageEntity entity = readDocument(document, context, skipped);
                if (entity != null && context.clean()) {
                    String key = entity.getClass().getSimpleName() + ":" + entity.namespace() + "/" + entity.name();
                    Integer first = seen.putIfAbsent(key, index);
                    if (first != null) {
                        context.problem("", entity.ref() + " is already defined in document " + first
                                + " of this file");
                    } else {
                        entities.add(entity);
                    }
                }
            }
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            problems.add(file + ", document " + (index + 1) + ": not valid YAML" + where + ": "
                    + firstLine(e.getOriginalMessage()));
        } catch (IOException e) {
            problems.add(file + ": could not be read: " + firstLine(e.getMessage()));
        } catch (RuntimeException e) {
            // SnakeYAML reports some syntax errors (tabs, bad indentation) as unchecked exceptions
            problems.add(file + ", document " + (index + 1) + ": not valid YAML: " + firstLine(e.getMessage()));
        }
        if (index == 0 && problems.isEmpty()) {
            problems.add(file + ": contains no YAML document");
        }
        return new BackstageFile(file, entities, skipped, problems, warnings);
    }

    private BackstageEntity readDocument(JsonNode document, Document context, Map<String, Integer> skipped) {
        if (!document.isObject()) {
            context.problem("", "is not a YAML mapping with apiVersion, kind, metadata and spec");
            return null;
        }
        String kind = context.requiredText(document, "kind");
        if (kind == null) {
            return null;
        }
        if (!Set.of("Component", "Group", "User", "System").contains(kind)) {
            skipped.merge(kind, 1, Integer::sum);
            return null;
        }
        String apiVersion = context.requiredText(document, "apiVersion");
        if (apiVersion != null && !API_VERSIONS.contains(apiVersion)) {
            context.problem("apiVersion", quote(apiVersion) + " is not supported: use backstage.io/v1alpha1 or "
                    + "backstage.io/v1beta1");
        }
        JsonNode metadata = document.path("metadata");
        if (!metadata.isObject()) {
            context.problem("metadata", "is missing: every entity needs metadata.name");
            return null;
        }
        String name = context.requiredText(metadata, "metadata.name");
        if (name != null && (name.length() > MAX_NAME_LENGTH || !NAME.matcher(name).matches())) {
            context.problem("metadata.name", quote(name) + " is not a valid name: " + NAME_RULE);
        }
        String namespace = context.optionalText(metadata, "metadata.namespace");
        if (namespace == null) {
            namespace = EntityRef.DEFAULT_NAMESPACE;
        } else if (namespace.length() > MAX_NAME_LENGTH || !NAMESPACE.matcher(namespace).matches()) {
            context.problem("metadata.namespace", quote(namespace)
                    + " is not a valid namespace: use lowercase letters, digits and single '-', at most 63 characters");
        }
        List<String> tags = tags(metadata, context);
        Map<String, String> annotations = annotations(metadata, context);
        String description = context.optionalText(metadata, "metadata.description");
        JsonNode spec = document.path("spec");
        if (!spec.isObject()) {
            context.problem("spec", "is missing");
            return null;
        }
        return switch (kind) {
            case "Component" -> component(namespace, name, description, tags, annotations, metadata, spec, context);
            case "Group" -> group(namespace, name, description, annotations, spec, context);
            case "User" -> user(namespace, name, spec, context);
            default -> new SystemEntity(namespace, name, description,
                    context.requiredText(spec, "spec.owner"), context.optionalText(spec, "spec.domain"));
        };
    }

    private ComponentEntity component(String namespace, String name, String description, List<String> tags,
                                      Map<String, String> annotations, JsonNode metadata, JsonNode spec,
                                      Document context) {
        String type = context.requiredText(spec, "spec.type");
        String lifecycle = context.requiredText(spec, "spec.lifecycle");
        if (lifecycle != null && !ServiceFormValidator.LIFECYCLES.contains(lifecycle)) {
            context.warning("spec.lifecycle", quote(lifecycle) + " is not a lifecycle Backstage knows (" + String.join(", ", ServiceFormValidator.LIFECYCLES)
                    + "); Harbormaster reads it as written, so check it is meant");
        }
        if (name != null && !KubernetesNames.isDns1123Label(name)) {
            context.warning("metadata.name", quote(name) + " cannot name a Kubernetes workload (lower-case letters, digits"
                    + " and '-', at most 63): status, deploy and manifest will refuse it");
        }
        String owner = context.requiredText(spec, "spec.owner");
        String system = context.optionalText(spec, "spec.system");
        List<Link> links = links(metadata, context);
        List<String> dependsOn = context.textList(spec, "spec.dependsOn");
        Integer tier = tier(annotations.get(TIER), context);
        String runbook = annotations.get(RUNBOOK);
        if (runbook == null) {
            runbook = links.stream().filter(l -> "runbook".equals(l.type())).map(Link::url).findFirst().orElse(null);
        }
        JsonNode harbormaster = spec.path("harbormaster");
        List<EnvironmentSpec> environments = environments(harbormaster.path("environments"), context);
        List<Slo> slos = slos(harbormaster.path("slos"), context);
        return new ComponentEntity(namespace, name, description, owner, type, lifecycle, system, tier,
                repository(annotations, links), runbook, links, tags, dependsOn, annotations.get(KUBERNETES_ID),
                annotations, annotations.get(COST_CENTER), slos, environments);
    }

    private GroupEntity group(String namespace, String name, String description, Map<String, String> annotations,
                              JsonNode spec, Document context) {
        String type = context.requiredText(spec, "spec.type");
        JsonNode profile = spec.path("profile");
        String displayName = context.optionalText(profile, "spec.profile.displayName");
        String email = context.optionalText(profile, "spec.profile.email");
        String parent = context.optionalText(spec, "spec.parent");
        List<String> members = context.textList(spec, "spec.members");
        String channel = annotations.get(SLACK_CHANNEL);
        if (channel != null && channel.startsWith("#")) {
            channel = channel.substring(1);
        }
        String timeZone = annotations.get(TIME_ZONE);
        String digest = annotations.get(DigestSchedule.ANNOTATION);
        if (digest != null) {
            try {
                DigestSchedule.parse(digest, timeZone == null ? null : DigestSchedule.zone(timeZone));
            } catch (DigestSchedule.Invalid e) {
                context.problem("metadata.annotations." + DigestSchedule.ANNOTATION, e.getMessage());
                digest = null;
            }
        }
        return new GroupEntity(namespace, name, displayName, description, email, type,
                parent == null ? null : EntityRef.parse(parent).name(), members, channel, annotations.get(ON_CALL),
                timeZone, digest);
    }

    private UserEntity user(String namespace, String name, JsonNode spec, Document context) {
        JsonNode profile = spec.path("profile");
        List<String> memberOf = context.textList(spec, "spec.memberOf").stream()
                .map(ref -> EntityRef.parse(ref).name()).toList();
        return new UserEntity(namespace, name, context.optionalText(profile, "spec.profile.email"),
                context.optionalText(profile, "spec.profile.displayName"), memberOf);
    }

    private static List<String> tags(JsonNode metadata, Document context) {
        List<String> tags = context.textList(metadata, "metadata.tags");
        for (int i = 0; i < tags.size(); i++) {
            String tag = tags.get(i);
            if (tag.length() > MAX_NAME_LENGTH || !TAG.matcher(tag).matches()) {
                context.problem("metadata.tags[" + i + "]", quote(tag) + " is not a valid tag: use lowercase "
                        + "letters, digits and ':+#', words joined by single '-', at most 63 characters");
            }
        }
        return tags;
    }

    private static Map<String, String> annotations(JsonNode metadata, Document context) {
        JsonNode node = metadata.path("annotations");
        Map<String, String> annotations = new LinkedHashMap<>();
        if (node.isMissingNode() || node.isNull()) {
            return annotations;
        }
        if (!node.isObject()) {
            context.problem("metadata.annotations", "must be a map of strings");
            return annotations;
        }
        node.fields().forEachRemaining(entry -> {
            if (entry.getValue().isValueNode() && !entry.getValue().isNull()) {
                annotations.put(entry.getKey(), entry.getValue().asText());
            } else {
                context.problem("metadata.annotations." + entry.getKey(), "must be a string");
            }
        });
        return annotations;
    }

    private static List<Link> links(JsonNode metadata, Document context) {
        JsonNode node = metadata.path("links");
        List<Link> links = new ArrayList<>();
        if (node.isMissingNode() || node.isNull()) {
            return links;
        }
        if (!node.isArray()) {
            context.problem("metadata.links", "must be a list of {url, title, type}");
            return links;
        }
        for (int i = 0; i < node.size(); i++) {
            String path = "metadata.links[" + i + "]";
            String url = context.requiredText(node.get(i), path + ".url");
            if (url != null) {
                links.add(new Link(context.optionalText(node.get(i), path + ".title"), url,
                        context.optionalText(node.get(i), path + ".type")));
            }
        }
        return links;
    }

    private static Integer tier(String value, Document context) {
        if (value == null) {
            return null;
        }
        if (!value.trim().matches("[1-4]")) {
            context.problem("metadata.annotations." + TIER, quote(value) + " is not a tier: use \"1\", \"2\", \"3\" or \"4\"");
            return null;
        }
        return Integer.parseInt(value.trim());
    }

    private static String repository(Map<String, String> annotations, List<Link> links) {
        String location = annotations.get(SOURCE_LOCATION);
        if (location != null) {
            return location.startsWith("url:") ? location.substring(4) : location;
        }
        String slug = annotations.get(GITHUB_SLUG);
        if (slug != null) {
            return "https://github.com/" + slug;
        }
        return links.stream().filter(l -> "repository".equals(l.type())).map(Link::url).findFirst().orElse(null);
    }

    private List<EnvironmentSpec> environments(JsonNode node, Document context) {
        List<EnvironmentSpec> environments = new ArrayList<>();
        if (node.isMissingNode() || node.isNull()) {
            return environments;
        }
        if (!node.isArray()) {
            context.problem("spec.harbormaster.environments", "must be a list");
            return environments;
        }
        Set<String> names = new java.util.HashSet<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode item = node.get(i);
            String path = "spec.harbormaster.environments[" + i + "]";
            String name = context.requiredText(item, path + ".name");
            if (name != null && !names.add(name)) {
                context.problem(path + ".name", quote(name) + " is listed twice");
            }
            if (name != null && !knownEnvironments.isEmpty() && !knownEnvironments.contains(name)) {
                context.problem(path + ".name", unknownEnvironment(name, knownEnvironments));
            }
            JsonNode replicas = item.path("replicas");
            Integer min = context.optionalCount(replicas, path + ".replicas.min");
            Integer max = context.optionalCount(replicas, path + ".replicas.max");
            if (min != null && max != null && min > max) {
                context.problem(path + ".replicas", "min " + min + " is greater than max " + max);
            }
            String namespace = context.optionalText(item, path + ".namespace");
            if (namespace != null && !KubernetesNames.isDns1123Label(namespace)) {
                context.problem(path + ".namespace", quote(namespace) + " is not a Kubernetes namespace name: lower-case"
                        + " letters, digits and '-', at most 63");
            }
            String cpu = quantity(item, path + ".cpu", "500m or 1", context);
            String memory = quantity(item, path + ".memory", "512Mi or 1Gi", context);
            environments.add(new EnvironmentSpec(name, context.optionalText(item, path + ".cluster"), namespace,
                    context.optionalText(item, path + ".region"), context.optionalText(item, path + ".country"), min, max,
                    cpu, memory));
        }
        return environments;
    }

    /** A cpu or memory amount, refused unless Kubernetes would take it (it goes into generated manifests). */
    private static String quantity(JsonNode item, String path, String example, Document context) {
        String value = context.optionalText(item, path);
        if (value != null && !KubernetesNames.isQuantity(value)) {
            context.problem(path, quote(value) + " is not a Kubernetes quantity, e.g. " + example);
        }
        return value;
    }

    /** Why an environment name is refused: policies are written for the platform's environments, by name. */
    static String unknownEnvironment(String name, Set<String> known) {
        String hint = dev.harbormaster.command.Suggestions.didYouMean(name, known);
        return quote(name) + " is not one of the platform's environments (" + String.join(", ", known.stream().sorted().toList())
                + "): approval policies are written for those, so another name would escape them."
                + (hint.isEmpty() ? "" : " " + hint) + " Ask the platform team to add it to HARBORMASTER_ENVIRONMENTS if it is new.";
    }

    private static List<Slo> slos(JsonNode node, Document context) {
        List<Slo> slos = new ArrayList<>();
        if (node.isMissingNode() || node.isNull()) {
            return slos;
        }
        if (!node.isArray()) {
            context.problem("spec.harbormaster.slos", "must be a list");
            return slos;
        }
        for (int i = 0; i < node.size(); i++) {
            JsonNode item = node.get(i);
            String path = "spec.harbormaster.slos[" + i + "]";
            String name = context.requiredText(item, path + ".name");
            JsonNode objective = item.path("objective");
            double value = objective.isNumber() ? objective.asDouble()
                    : objective.isTextual() ? parsePercent(objective.asText()) : Double.NaN;
            if (!(value > 0 && value <= 100)) {
                context.problem(path + ".objective", "must be a percentage above 0 and at most 100, e.g. 99.9");
            }
            Slo slo = new Slo(name, value, context.optionalText(item, path + ".window"),
                    context.optionalText(item, path + ".indicator"), rawText(item, "query", path, context),
                    rawText(item, "recordingRule", path, context));
            for (String problem : slo.measurementProblems()) {
                context.problem(path, problem);
            }
            slos.add(slo);
        }
        return slos;
    }

    /** A text field kept as written, blank included (an empty query is a mistake to report, not an absent one). */
    private static String rawText(JsonNode item, String field, String path, Document context) {
        JsonNode node = item.path(field);
        if (node.isMissingNode() || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            context.problem(path + "." + field, "must be text");
            return null;
        }
        return node.asText();
    }

    private static double parsePercent(String text) {
        try {
            return Double.parseDouble(text.replace("%", "").trim());
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    static String quote(String value) {
        return "\"" + value + "\"";
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    /** Collects problems for one document, each prefixed with the file, the document index and the field. */
    private static final class Document {
        private final String file;
        private final int index;
        private final List<String> problems;
        private final List<String> warnings;
        private final int problemsBefore;

        Document(String file, int index, List<String> problems, List<String> warnings) {
            this.file = file;
            this.index = index;
            this.problems = problems;
            this.warnings = warnings;
            this.problemsBefore = problems.size();
        }

        void problem(String field, String message) {
            problems.add(file + ", document " + index + ": " + (field.isEmpty() ? "" : field + " ") + message);
        }

        /** Worth telling whoever imports it, but not a reason to refuse the file. */
        void warning(String field, String message) {
            warnings.add(file + ", document " + index + ": " + (field.isEmpty() ? "" : field + " ") + message);
        }

        boolean clean() {
            return problems.size() == problemsBefore;
        }

        String requiredText(JsonNode parent, String path) {
            JsonNode node = parent.path(leaf(path));
            if (node.isMissingNode() || node.isNull() || node.isTextual() && node.asText().isBlank()) {
                problem(path, "is required");
                return null;
            }
            return text(node, path);
        }

        String optionalText(JsonNode parent, String path) {
            JsonNode node = parent.path(leaf(path));
            if (node.isMissingNode() || node.isNull()) {
                return null;
            }
            return text(node, path);
        }

        Integer optionalCount(JsonNode parent, String path) {
            JsonNode node = parent.path(leaf(path));
            if (node.isMissingNode() || node.isNull()) {
                return null;
            }
            if (!node.canConvertToInt() || !node.isIntegralNumber() || node.asInt() < 0) {
                problem(path, "must be a whole number, 0 or more");
                return null;
            }
            return node.asInt();
        }

        List<String> textList(JsonNode parent, String path) {
            JsonNode node = parent.path(leaf(path));
            List<String> values = new ArrayList<>();
            if (node.isMissingNode() || node.isNull()) {
                return values;
            }
            if (!node.isArray()) {
                problem(path, "must be a list of strings");
                return values;
            }
            for (int i = 0; i < node.size(); i++) {
                JsonNode item = node.get(i);
                if (item.isValueNode() && !item.isNull()) {
                    values.add(item.asText());
                } else {
                    problem(path + "[" + i + "]", "must be a string");
                }
            }
            return values;
        }

        private String text(JsonNode node, String path) {
            if (!node.isValueNode()) {
                problem(path, "must be a string");
                return null;
            }
            return node.asText();
        }

        private static String leaf(String path) {
            return path.substring(path.lastIndexOf('.') + 1);
        }
    }
}
