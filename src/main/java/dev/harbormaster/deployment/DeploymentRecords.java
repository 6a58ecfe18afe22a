package dev.harbormaster.deployment;

import dev.harbormaster.kubernetes.Workload;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/** Writes and reads the deployment record; both the bot's own changes and external ones go through here. */
@ApplicationScoped
public class DeploymentRecords {

    private final DeploymentRecordRepository repository;

    public DeploymentRecords(DeploymentRecordRepository repository) {
        this.repository = repository;
    }

    /** A change starts: returns its id, to finish it later. */
    @Transactional
    public long start(Workload workload, DeploymentRecord.Kind kind, String actor, String fromImage, String toImage,
                      Integer fromReplicas, Integer toReplicas, Long generation, Long approvalId) {
        return start(workload, kind, actor, fromImage, toImage, fromReplicas, toReplicas, generation, approvalId, null);
    }

    /** @param commitTime when the deployed commit was made ({@code deploy --commit-time}), or null */
    @Transactional
    public long start(Workload workload, DeploymentRecord.Kind kind, String actor, String fromImage, String toImage,
                      Integer fromReplicas, Integer toReplicas, Long generation, Long approvalId, java.time.Instant commitTime) {
        DeploymentRecord record = new DeploymentRecord();
        record.service = workload.service();
        record.environment = workload.environment();
        record.cluster = workload.cluster();
        record.namespace = workload.namespace();
        record.deployment = workload.deploymentName();
        record.kind = kind;
        record.actor = actor;
        record.fromImage = fromImage;
        record.toImage = toImage;
        record.fromReplicas = fromReplicas;
        record.toReplicas = toReplicas;
        record.generation = generation;
        record.approvalId = approvalId;
        record.startedAt = now();
        record.commitTime = commitTime == null ? null : commitTime.atOffset(java.time.ZoneOffset.UTC);
        repository.persist(record);
        return record.id;
    }

    /** The Deployment's generation once this change was applied. */
    @Transactional
    public void produced(long id, long generation) {
        repository.update("generation = ?1 where id = ?2", generation, id);
    }

    /** The change ended; a record already finished keeps its first outcome. */
    @Transactional
    public void finish(long id, DeploymentRecord.Result result, String detail) {
        repository.update("result = ?1, detail = ?2, finishedAt = ?3 where id = ?4 and result = ?5",
                result, detail, now(), id, DeploymentRecord.Result.IN_PROGRESS);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<DeploymentRecord> recent(String service, String environment, int limit) {
        return repository.recent(service, environment, limit);
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
