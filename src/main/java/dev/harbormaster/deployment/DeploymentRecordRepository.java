package dev.harbormaster.deployment;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

@ApplicationScoped
public class DeploymentRecordRepository implements PanacheRepository<DeploymentRecord> {

    /** Newest first. */
    public List<DeploymentRecord> recent(String service, String environment, int limit) {
        return find("service = ?1 and environment = ?2", Sort.descending("startedAt", "id"), service, environment)
                .page(Page.ofSize(limit)).list();
    }
}
