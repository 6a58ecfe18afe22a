package dev.harbormaster.kubernetes;

import dev.harbormaster.catalog.Environment;
import dev.harbormaster.catalog.Service;
import dev.harbormaster.catalog.ServiceEnvironmentsSaved;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every name each workload location (cluster + namespace) has had in the catalog. Approval policies match
 * environments by name; this is what makes them follow the workload instead: a deploy to {@code prod} whose
 * namespace is, or once was, {@code production}'s is seen by policies as {@code production} too. Written in the
 * transaction of every catalog change that writes environments; never shrinks.
 */
@ApplicationScoped
public class EnvironmentLocations {

    private static final Logger LOG = Logger.getLogger(EnvironmentLocations.class);
    /** Rows per INSERT; a 50,000-service import writes in batches rather than one statement per row. */
    private static final int BATCH = 500;
    private static final String SIMULATED = "(simulated)";

    @Inject
    EntityManager entityManager;
    @Inject
    WorkloadLocator locator;
    @Inject
    Clusters clusters;

    /** Catalog environments were written: remember where each runs under which name, in the same transaction. */
    void remember(@Observes ServiceEnvironmentsSaved saved) {
        List<Row> rows = new ArrayList<>();
        for (Service service : saved.services()) {
            for (Environment environment : service.environments) {
                locator.placement(service, environment)
                        .ifPresent(p -> rows.add(new Row(clusterKey(p.cluster()), p.namespace(), environment.name, service.name)));
            }
        }
        insert(rows);
    }

    /**
     * A catalog from before this table existed is read once, after the start-up import (which fills it itself).
     * Later starts find rows and do nothing.
     */
    @Transactional
    void backfill(@Observes @Priority(Interceptor.Priority.APPLICATION + 900) StartupEvent start) {
        Number known = (Number) entityManager.createNativeQuery("select count(*) from environment_location").getSingleResult();
        if (known.longValue() > 0) {
            return;
        }
        List<Service> services = entityManager.createQuery(
                "select distinct s from Service s join fetch s.environments", Service.class).getResultList();
        if (!services.isEmpty()) {
            remember(new ServiceEnvironmentsSaved(services));
            LOG.infof("Recorded where the environments of %d services run, so policies follow their workloads", services.size());
        }
    }

    /**
     * Every name the location has had, plus {@code environment} itself: what policies should see a workload as.
     * Joins the caller's transaction when there is one.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Set<String> namesOf(String cluster, String namespace, String environment) {
        Set<String> names = new TreeSet<>();
        if (environment != null) {
            names.add(environment);
        }
        if (cluster == null || namespace == null) {
            return names;
        }
        @SuppressWarnings("unchecked")
        List<String> found = entityManager.createNativeQuery(
                        "select environment from environment_location where cluster = ?1 and namespace = ?2")
                .setParameter(1, clusterKey(cluster)).setParameter(2, namespace).getResultList();
        names.addAll(found);
        return names;
    }

    /**
     * In the sandbox every cluster name is the one simulated cluster, so a namespace there is the same workload
     * whatever cluster the catalog names.
     */
    private String clusterKey(String cluster) {
        return clusters.simulated() ? SIMULATED : cluster;
    }

    private void insert(List<Row> rows) {
        Set<Row> distinct = new LinkedHashSet<>(rows);
        List<Row> all = new ArrayList<>(distinct);
        for (int from = 0; from < all.size(); from += BATCH) {
            List<Row> batch = all.subList(from, Math.min(all.size(), from + BATCH));
            StringBuilder sql = new StringBuilder("insert into environment_location (cluster, namespace, environment, service) values ");
            for (int i = 0; i < batch.size(); i++) {
                sql.append(i == 0 ? "" : ", ").append("(?, ?, ?, ?)");
            }
            sql.append(" on conflict do nothing");
            Query insert = entityManager.createNativeQuery(sql.toString());
            int parameter = 1;
            for (Row row : batch) {
                insert.setParameter(parameter++, row.cluster());
                insert.setParameter(parameter++, row.namespace());
                insert.setParameter(parameter++, row.environment());
                insert.setParameter(parameter++, row.service());
            }
            insert.executeUpdate();
        }
    }

    private record Row(String cluster, String namespace, String environment, String service) {
    }
}
