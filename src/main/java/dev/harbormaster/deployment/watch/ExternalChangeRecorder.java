package dev.harbormaster.deployment.watch;

import dev.harbormaster.deployment.DeploymentRecord;
import dev.harbormaster.deployment.DeploymentRecordRepository;
import dev.harbormaster.deployment.DeploymentRecords;
import dev.harbormaster.kubernetes.Workload;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.quarkus.panache.common.Sort;
import dev.harbormaster.notify.Outbox;
import dev.harbormaster.team.TeamRouting;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Records an external change and queues its notice in one transaction, so the notice is sent if and only if the
 * record commits; V11's unique index lets only one replica's record commit.
 */
@ApplicationScoped
public class ExternalChangeRecorder {

    private static final Logger LOG = Logger.getLogger(ExternalChangeRecorder.class);
    private static final String UNKNOWN_ACTOR = "unknown";

    private final DeploymentRecords records;
    private final DeploymentRecordRepository recordRepository;
    private final TeamRouting routing;
    private final Outbox outbox;

    public ExternalChangeRecorder(DeploymentRecords records, DeploymentRecordRepository recordRepository,
                                  TeamRouting routing, Outbox outbox) {
        this.records = records;
        this.recordRepository = recordRepository;
        this.routing = routing;
        this.outbox = outbox;
    }

    /**
     * Compares a Deployment a new leader lists with its last record (see {@link ExternalChangeDetector#missed}) and
     * records what changed meanwhile.
     *
     * @return the record's id, or empty when nothing was missed or it was recorded before
     */
    @Transactional
    public Optional<Long> recordIfMissed(Workload workload, Deployment current) {
        Optional<ExternalChangeDetector.LastRecorded> last = recordRepository.find(
                        "cluster = ?1 and namespace = ?2 and deployment = ?3", Sort.descending("id"),
                        workload.cluster(), workload.namespace(), workload.deploymentName())
                .firstResultOptional()
                .map(record -> new ExternalChangeDetector.LastRecorded(record.id, record.fromImage, record.toImage,
                        record.result == DeploymentRecord.Result.IN_PROGRESS));
        if (last.isEmpty()) {
            return Optional.empty();
        }
        Optional<ExternalChange> change = ExternalChangeDetector.missed(current, last.get());
        return change.isEmpty() ? Optional.empty() : record(workload, change.get());
    }

    /** @return the record's id, or empty when this change was recorded before (by this or another replica) */
    @Transactional
    public Optional<Long> record(Workload workload, ExternalChange change) {
        if (change.generation() != null && recordRepository.count(
                "kind = ?1 and cluster = ?2 and namespace = ?3 and deployment = ?4 and generation = ?5",
                DeploymentRecord.Kind.EXTERNAL, workload.cluster(), workload.namespace(), workload.deploymentName(),
                change.generation()) > 0) {
            return Optional.empty();
        }
        ImageUpdate first = change.images().get(0);
        long id = records.start(workload, DeploymentRecord.Kind.EXTERNAL,
                change.actor() == null ? UNKNOWN_ACTOR : change.actor(), first.fromImage(), first.toImage(),
                change.replicas(), change.replicas(), change.generation(), null);
        records.finish(id, DeploymentRecord.Result.SUCCEEDED, change.noticedLate()
                ? "image changed outside Harbormaster while no replica watched; found when watching resumed"
                : "image changed outside Harbormaster; rollout not followed");
        ExternalChangeMessage message = ExternalChangeMessage.of(workload, change, id);
        outbox.enqueue(routing.post(routing.forService(workload.service()), message.text(), message.blocksJson())
                .withKey("external-change:" + id));
        return Optional.of(id);
    }
}
