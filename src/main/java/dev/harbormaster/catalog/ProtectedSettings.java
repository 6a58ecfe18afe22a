package dev.harbormaster.catalog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The part of a service that approval policies protect besides its owner: its tier (policies match on it), its
 * lifecycle, and its environments (policies match on their names; where each runs decides what a deploy touches).
 * These change only through the gated {@code service edit} action; description and links do not.
 *
 * @param tier         1 to 4, or null
 * @param environments every environment with its sizing, in catalog order
 */
public record ProtectedSettings(Integer tier, String lifecycle, List<EnvironmentSpec> environments) {

    private static final ObjectMapper JSON = JsonMapper.builder().enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY).build();

    public ProtectedSettings {
        environments = List.copyOf(environments);
    }

    public static ProtectedSettings of(Service service) {
        return new ProtectedSettings(service.tier, service.lifecycle,
                service.environments.stream().map(Environment::spec).toList());
    }

    /** Changes an approver must see: tier, lifecycle, or an environment added, removed, renamed or moved. */
    public boolean differsInWhatPoliciesSee(ProtectedSettings other) {
        return !Objects.equals(tier, other.tier) || !Objects.equals(lifecycle, other.lifecycle)
                || !placements().equals(other.placements());
    }

    /** Only the sizing of environments (replicas, cpu, memory, region, country) or their order differs. */
    public boolean differsOnlyInSizing(ProtectedSettings other) {
        return !differsInWhatPoliciesSee(other) && !environments.equals(other.environments);
    }

    /** Name, cluster and namespace of every environment: what decides which policies and which workload apply. */
    private Set<String> placements() {
        Set<String> placements = new TreeSet<>();
        environments.forEach(e -> placements.add(e.name() + "\u0000" + e.cluster() + "\u0000" + e.namespace()));
        return placements;
    }

    /** The environment names a change touches: added, removed or moved, under their old and new names. */
    public Set<String> touchedEnvironments(ProtectedSettings wanted) {
        Set<String> touched = new TreeSet<>();
        Map<String, EnvironmentSpec> before = byName(environments);
        Map<String, EnvironmentSpec> after = byName(wanted.environments);
        before.forEach((name, spec) -> {
            EnvironmentSpec now = after.get(name);
            if (now == null || !Objects.equals(now.cluster(), spec.cluster()) || !Objects.equals(now.namespace(), spec.namespace())) {
                touched.add(name);
            }
        });
        after.keySet().stream().filter(name -> !before.containsKey(name)).forEach(touched::add);
        return touched;
    }

    /** One line per change from this to {@code wanted}, for approvers and the audit trail; mrkdwn-escaped. */
    public List<String> describeChanges(ProtectedSettings wanted) {
        List<String> lines = new ArrayList<>();
        if (!Objects.equals(tier, wanted.tier)) {
            lines.add("tier " + Mrkdwn.code(tier == null ? "none" : tier.toString()) + " → "
                    + Mrkdwn.code(wanted.tier == null ? "none" : wanted.tier.toString()));
        }
        if (!Objects.equals(lifecycle, wanted.lifecycle)) {
            lines.add("lifecycle " + Mrkdwn.code(String.valueOf(lifecycle)) + " → " + Mrkdwn.code(String.valueOf(wanted.lifecycle)));
        }
        Map<String, EnvironmentSpec> before = byName(environments);
        Map<String, EnvironmentSpec> after = byName(wanted.environments);
        List<String> renamed = new ArrayList<>();
        before.forEach((name, spec) -> {
            if (after.containsKey(name)) {
                EnvironmentSpec now = after.get(name);
                if (!Objects.equals(now.cluster(), spec.cluster()) || !Objects.equals(now.namespace(), spec.namespace())) {
                    lines.add("environment " + Mrkdwn.code(name) + " moves from " + where(spec) + " to " + where(now));
                } else if (!now.equals(spec)) {
                    lines.add("environment " + Mrkdwn.code(name) + " sizing changes");
                }
                return;
            }
            after.values().stream().filter(candidate -> !before.containsKey(candidate.name())
                            && Objects.equals(candidate.cluster(), spec.cluster())
                            && Objects.equals(candidate.namespace(), spec.namespace()))
                    .findFirst().ifPresentOrElse(candidate -> {
                        renamed.add(candidate.name());
                        lines.add("environment " + Mrkdwn.code(name) + " is renamed " + Mrkdwn.code(candidate.name())
                                + " (" + where(spec) + ")");
                    }, () -> lines.add("environment " + Mrkdwn.code(name) + " (" + where(spec) + ") is removed"));
        });
        after.values().stream().filter(spec -> !before.containsKey(spec.name()) && !renamed.contains(spec.name()))
                .forEach(spec -> lines.add("environment " + Mrkdwn.code(spec.name()) + " (" + where(spec) + ") is added"));
        return lines;
    }

    /** A short digest of exactly these settings: a request runs only if the service still has what it was asked against. */
    public String fingerprint() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(toJson().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always there", e);
        }
    }

    /** Canonical JSON, for an action's stored parameters. */
    public String toJson() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("environments", environments);
        fields.put("lifecycle", lifecycle);
        fields.put("tier", tier);
        try {
            return JSON.writeValueAsString(fields);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("strings and numbers always serialise", e);
        }
    }

    /** @throws IllegalArgumentException when the text is not what {@link #toJson} writes */
    public static ProtectedSettings fromJson(String json) {
        try {
            Stored stored = JSON.readValue(json, new TypeReference<Stored>() { });
            return new ProtectedSettings(stored.tier(), stored.lifecycle(),
                    stored.environments() == null ? List.of() : stored.environments());
        } catch (JsonProcessingException | RuntimeException e) {
            throw new IllegalArgumentException("not a service's settings", e);
        }
    }

    private record Stored(Integer tier, String lifecycle, List<EnvironmentSpec> environments) {
    }

    private static Map<String, EnvironmentSpec> byName(List<EnvironmentSpec> environments) {
        Map<String, EnvironmentSpec> byName = new LinkedHashMap<>();
        environments.forEach(e -> byName.put(e.name(), e));
        return byName;
    }

    private static String where(EnvironmentSpec spec) {
        return Mrkdwn.escape((spec.cluster() == null ? "default cluster" : spec.cluster()) + "/"
                + (spec.namespace() == null ? "default namespace" : spec.namespace()));
    }
}
