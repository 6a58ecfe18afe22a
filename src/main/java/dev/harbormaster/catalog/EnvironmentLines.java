package dev.harbormaster.catalog;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one-environment-per-line format of the register modal:
 * {@code production cluster=eks-eu-1 namespace=payments region=eu-west-1 country=IE replicas=2-6 cpu=500m memory=512Mi}.
 * The first word is the environment name; every key is optional; {@code replicas} is {@code N} or {@code MIN-MAX}.
 */
public final class EnvironmentLines {

    public static final String EXAMPLE =
            "production cluster=eks-eu-1 namespace=payments region=eu-west-1 country=IE replicas=2-6 cpu=500m memory=512Mi";
    static final List<String> KEYS = List.of("cluster", "namespace", "region", "country", "replicas", "cpu", "memory");
    private static final Pattern REPLICAS = Pattern.compile("^(\\d{1,4})(?:-(\\d{1,4}))?$");

    /** Either the environments, or the first problem ("line 2: …"). */
    public record Parsed(List<EnvironmentSpec> environments, Optional<String> problem) {
    }

    private EnvironmentLines() {
    }

    public static Parsed parse(String text) {
        List<EnvironmentSpec> environments = new ArrayList<>();
        if (text == null) {
            return new Parsed(environments, Optional.empty());
        }
        Set<String> names = new HashSet<>();
        String[] lines = text.split("\\R");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].trim();
            if (line.isEmpty()) {
                continue;
            }
            String where = "line " + (i + 1) + ": ";
            String[] words = line.split("\\s+");
            String name = words[0];
            if (name.contains("=") || !BackstageImporter.NAME.matcher(name).matches()) {
                return problem(where + "start with the environment name, e.g. `" + EXAMPLE + "`");
            }
            if (!names.add(name)) {
                return problem(where + "environment `" + name + "` is already listed");
            }
            Map<String, String> values = new LinkedHashMap<>();
            for (int w = 1; w < words.length; w++) {
                int equals = words[w].indexOf('=');
                if (equals <= 0 || equals == words[w].length() - 1) {
                    return problem(where + "`" + words[w] + "` is not key=value");
                }
                String key = words[w].substring(0, equals);
                if (!KEYS.contains(key)) {
                    return problem(where + "unknown key `" + key + "`; use " + String.join(", ", KEYS));
                }
                values.put(key, words[w].substring(equals + 1));
            }
            Integer min = null;
            Integer max = null;
            if (values.containsKey("replicas")) {
                Matcher m = REPLICAS.matcher(values.get("replicas"));
                if (!m.matches()) {
                    return problem(where + "replicas must be a number or a range like 2-6");
                }
                min = Integer.parseInt(m.group(1));
                max = m.group(2) == null ? min : Integer.parseInt(m.group(2));
                if (min > max) {
                    return problem(where + "replicas " + min + "-" + max + " has the larger number first");
                }
            }
            environments.add(new EnvironmentSpec(name, values.get("cluster"), values.get("namespace"),
                    values.get("region"), values.get("country"), min, max, values.get("cpu"), values.get("memory")));
        }
        return new Parsed(environments, Optional.empty());
    }

    /** The lines that {@link #parse} reads back as {@code environments}, for prefilling the edit modal. */
    public static String format(List<Environment> environments) {
        StringBuilder text = new StringBuilder();
        for (Environment e : environments) {
            text.append(e.name);
            append(text, "cluster", e.cluster);
            append(text, "namespace", e.namespace);
            append(text, "region", e.region);
            append(text, "country", e.country);
            if (e.replicasMin != null && e.replicasMax != null) {
                append(text, "replicas", e.replicasMin.equals(e.replicasMax) ? e.replicasMin.toString()
                        : e.replicasMin + "-" + e.replicasMax);
            }
            append(text, "cpu", e.cpu);
            append(text, "memory", e.memory);
            text.append('\n');
        }
        return text.toString().stripTrailing();
    }

    private static void append(StringBuilder text, String key, String value) {
        if (value != null && !value.isBlank()) {
            text.append(' ').append(key).append('=').append(value.replaceAll("\\s+", ""));
        }
    }

    private static Parsed problem(String message) {
        return new Parsed(List.of(), Optional.of(message));
    }
}
