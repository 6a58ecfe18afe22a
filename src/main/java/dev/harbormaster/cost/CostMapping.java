package dev.harbormaster.cost;

import dev.harbormaster.catalog.Environment;
import dev.harbormaster.catalog.Service;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The catalog as cost sources need it, taken once per read: which service a cost line belongs to. A line that
 * several services share (one cost centre, one namespace) is split evenly among them; a line no service claims
 * goes to {@link #UNALLOCATED}, or to {@code (team:<name>)} when it is tagged with a catalog team only.
 */
public final class CostMapping {

    public static final String UNALLOCATED = "(unallocated)";
    private static final String TEAM_BUCKET_PREFIX = "(team:";

    /** Tag keys naming a service, tried in this order. */
    static final List<String> SERVICE_TAGS = List.of("service", "app", "application");

    private final Map<String, String> servicesByLowerName = new HashMap<>();
    private final Map<String, List<String>> servicesByCostCenter = new HashMap<>();
    private final Map<String, String> teamsByLowerName = new HashMap<>();
    private final Map<String, List<String>> servicesByLocation = new HashMap<>();

    CostMapping(Collection<Service> services, Collection<String> teams) {
        for (Service service : services) {
            servicesByLowerName.put(service.name.toLowerCase(Locale.ROOT), service.name);
            if (service.costCenter != null && !service.costCenter.isBlank()) {
                servicesByCostCenter.computeIfAbsent(service.costCenter.trim(), key -> new ArrayList<>()).add(service.name);
            }
            Set<String> locations = new TreeSet<>();
            for (Environment environment : service.environments) {
                if (environment.namespace != null && !environment.namespace.isBlank()) {
                    locations.add(location(environment.cluster, environment.namespace));
                }
            }
            locations.forEach(location -> servicesByLocation.computeIfAbsent(location, key -> new ArrayList<>()).add(service.name));
        }
        servicesByCostCenter.values().forEach(names -> names.sort(null));
        servicesByLocation.values().forEach(names -> names.sort(null));
        teams.forEach(team -> teamsByLowerName.put(team.toLowerCase(Locale.ROOT), team));
    }

    /** The bucket for cost tagged with a team but no service. */
    public static String teamBucket(String team) {
        return TEAM_BUCKET_PREFIX + team + ")";
    }

    /**
     * Where a FOCUS line's cost goes, by its tags: a {@code service}/{@code app}/{@code application} tag naming a
     * catalog service; else a {@code team} tag naming a catalog team (its team bucket); else the services whose cost
     * centre is the {@code cost_center} tag (split evenly); else unallocated.
     */
    List<String> byTags(Map<String, String> tags) {
        for (String key : SERVICE_TAGS) {
            String value = tags.get(key);
            if (value != null) {
                String service = servicesByLowerName.get(value.trim().toLowerCase(Locale.ROOT));
                if (service != null) {
                    return List.of(service);
                }
            }
        }
        String team = tags.get("team");
        if (team != null) {
            String known = teamsByLowerName.get(team.trim().toLowerCase(Locale.ROOT));
            if (known != null) {
                return List.of(teamBucket(known));
            }
        }
        String costCenter = tags.get("cost_center");
        if (costCenter != null) {
            List<String> services = servicesByCostCenter.get(costCenter.trim());
            if (services != null) {
                return services;
            }
        }
        return List.of(UNALLOCATED);
    }

    /** The services running in this namespace of this cluster (split evenly), else unallocated. */
    List<String> byNamespace(String cluster, String namespace) {
        List<String> services = servicesByLocation.get(location(cluster, namespace));
        return services == null ? List.of(UNALLOCATED) : services;
    }

    private static String location(String cluster, String namespace) {
        return (cluster == null ? "" : cluster) + "\u0000" + namespace;
    }
}
