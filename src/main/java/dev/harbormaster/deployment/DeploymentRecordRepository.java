package dev.harbormaster.deployment;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class DeploymentRecordRepository implements PanacheRepository<DeploymentRecord> {

    /** The change to the same Deployment made through Harbormaster right after this one. */
    public Optional<DeploymentRecord> nextChange(DeploymentRecord record) {
        return find("cluster = ?1 and namespace = ?2 and deployment = ?3 and id > ?4 and kind <> ?5", Sort.ascending("id"),
                record.cluster, record.namespace, record.deployment, record.id, DeploymentRecord.Kind.EXTERNAL)
                .firstResultOptional();
    }

    /** Newest first. */
    public List<DeploymentRecord> recent(String service, String environment, int limit) {
        return find("service = ?1 and environment = ?2", Sort.descending("startedAt", "id"), service, environment)
                .page(Page.ofSize(limit)).list();
    }
}
