package dev.harbormaster.deployment.watch;

import dev.harbormaster.catalog.Catalog;
import dev.harbormaster.catalog.Service;
import dev.harbormaster.kubernetes.Workload;
import dev.harbormaster.kubernetes.WorkloadLocator;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every workload the catalog describes, by where it runs: which namespaces to watch on which cluster, and which
 * catalog service and environment a Deployment there belongs to. Environments the locator cannot place (no cluster,
 * an invalid name) are left out; the deployment commands explain those to users.
 */
@ApplicationScoped
public class CatalogWorkloads {

    private final Catalog catalog;
    private final WorkloadLocator locator;
    private Index latest;
    private long revisionLastRound = -1;
    private long revisionRoundBefore = -1;

    public CatalogWorkloads(Catalog catalog, WorkloadLocator locator) {
        this.catalog = catalog;
        this.locator = locator;
    }

    /**
     * The index as of the catalog's revision (V28): the leader asks every refresh period, and the catalog is read again
     * only when its revision moved in this round or the one before. The revision moves before the change commits, so a
     * read in the same round might miss it; the round after reads it again.
     */
    @Transactional
    public synchronized Index current() {
        long revision = catalog.revision();
        if (latest == null || revision != revisionLastRound || revisionLastRound != revisionRoundBefore) {
            latest = index();
        }
        revisionRoundBefore = revisionLastRound;
        revisionLastRound = revision;
        return latest;
    }

    /** One query for where every service's environments run. */
    private Index index() {
        Map<WatchedNamespace, Map<String, Workload>> byNamespace = new HashMap<>();
        for (Service service : catalog.servicePlacements()) {
            for (String environment : locator.environments(service)) {
                if (locator.locate(service, environment) instanceof WorkloadLocator.Located.Found found) {
                    Workload workload = found.workload();
                    byNamespace.computeIfAbsent(new WatchedNamespace(workload.cluster(), workload.namespace()),
                            key -> new HashMap<>()).put(workload.deploymentName(), workload);
                }
            }
        }
        return new Index(byNamespace);
    }

    /** A snapshot of the catalog's workloads. */
    public record Index(Map<WatchedNamespace, Map<String, Workload>> byNamespace) {

        public Index {
            Map<WatchedNamespace, Map<String, Workload>> copy = new HashMap<>();
            byNamespace.forEach((namespace, workloads) -> copy.put(namespace, Map.copyOf(workloads)));
            byNamespace = Map.copyOf(copy);
        }

        public Set<WatchedNamespace> namespaces() {
            return byNamespace.keySet();
        }

        public Optional<Workload> workload(WatchedNamespace namespace, String deployment) {
            return Optional.ofNullable(byNamespace.getOrDefault(namespace, Map.of()).get(deployment));
        }
    }
}
