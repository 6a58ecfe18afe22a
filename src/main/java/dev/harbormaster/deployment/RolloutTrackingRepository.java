package dev.harbormaster.deployment;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class RolloutTrackingRepository implements PanacheRepositoryBase<RolloutTracking, Long> {

    /** Rollouts still followed, oldest first. */
    public List<Long> open(int limit) {
        return getEntityManager().createQuery("select t.deploymentRecordId from RolloutTracking t where t.finishedAt is null "
                + "order by t.startedAt", Long.class).setMaxResults(limit).getResultList();
    }

    /** Finished, failed rollouts of the same Deployment, older than {@code newer}, whose message still offers a rollback. */
    public List<RolloutTracking> rollbackOffersBefore(DeploymentRecord newer) {
        return getEntityManager().createQuery("select t from RolloutTracking t, DeploymentRecord r"
                        + " where r.id = t.deploymentRecordId and t.finishedAt is not null and t.previousRevision is not null"
                        + " and t.rollbackWithdrawn = false and r.result = :failed and r.id < :newer and r.cluster = :cluster"
                        + " and r.namespace = :namespace and r.deployment = :deployment", RolloutTracking.class)
                .setParameter("failed", DeploymentRecord.Result.FAILED).setParameter("newer", newer.id)
                .setParameter("cluster", newer.cluster).setParameter("namespace", newer.namespace)
                .setParameter("deployment", newer.deployment).getResultList();
    }

    /** Locks the row for this poll; empty when it is finished or another replica is polling it right now. */
    @SuppressWarnings("unchecked")
    public Optional<RolloutTracking> lockOpen(long id) {
        return getEntityManager().createNativeQuery("SELECT * FROM rollout_tracking WHERE deployment_record_id = ?1 "
                        + "AND finished_at IS NULL FOR UPDATE SKIP LOCKED", RolloutTracking.class)
                .setParameter(1, id).getResultStream().findFirst();
    }
}
