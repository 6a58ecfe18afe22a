package dev.harbormaster.deployment;

import dev.harbormaster.command.Mrkdwn;
import dev.harbormaster.kubernetes.ClusterUnavailableException;
import dev.harbormaster.kubernetes.Clusters;
import dev.harbormaster.notify.OutboundMessage;
import dev.harbormaster.notify.Outbox;
import dev.harbormaster.team.TeamRouting;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Follows the rollouts Harbormaster starts. Each is a row in {@code rollout_tracking}; a clustered Quartz job polls
 * every open one (each row locked with SKIP LOCKED, so a second replica or an overlapping poll never reports twice),
 * edits the rollout message through the outbox when the counts move, replies in its thread once per kind of
 * trouble, and finishes the deployment record on success, failure (progress deadline passed) or giving up.
 */
@ApplicationScoped
public class RolloutTracker {

    private static final Logger LOG = Logger.getLogger(RolloutTracker.class);
    private static final int POLL_LIMIT = 100;
    private static final String POD_TEMPLATE_HASH = "pod-template-hash";

    @Inject
    RolloutTrackingRepository trackings;
    @Inject
    DeploymentRecordRepository recordRepository;
    @Inject
    DeploymentRecords records;
    @Inject
    Outbox outbox;
    @Inject
    TeamRouting routing;
    @Inject
    Clusters clusters;
    @Inject
    DeploymentSettings settings;

    /** Starts following a change: the first message goes out with the same commit. */
    @Transactional
    public void begin(long recordId, String channel, String summary, Long previousRevision, String requesterId,
                      boolean simulated) {
        RolloutTracking tracking = new RolloutTracking();
        tracking.deploymentRecordId = recordId;
        tracking.channel = channel;
        tracking.messageKey = "rollout:" + recordId;
        tracking.summary = summary;
        tracking.previousRevision = previousRevision;
        tracking.startedAt = Instant.now();
        RolloutMessage.View view = new RolloutMessage.View(recordId, summary, requesterId, null, Duration.ZERO, simulated, null, null);
        tracking.lastText = RolloutMessage.text(view);
        tracking.lastBlocks = RolloutMessage.blocksJson(view);
        trackings.persist(tracking);
        outbox.enqueue(routing.post(channel, tracking.lastText, tracking.lastBlocks).withKey(tracking.messageKey));
        withdrawRollbackOffers(recordRepository.findById(recordId));
    }

    /**
     * Takes the Rollback button off earlier failed rollouts of the same Deployment: after a newer change (a rollback
     * among them) that button would roll back over it.
     */
    private void withdrawRollbackOffers(DeploymentRecord newer) {
        for (RolloutTracking failed : trackings.rollbackOffersBefore(newer)) {
            failed.rollbackWithdrawn = true;
            failed.lastBlocks = RolloutMessage.withoutRollback(failed.lastBlocks, describe(newer));
            outbox.enqueue(OutboundMessage.update(failed.channel, failed.messageKey, failed.lastText, failed.lastBlocks));
        }
    }

    @Scheduled(identity = "rollout-tracker", every = "${harbormaster.deployments.poll-every:3s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void pollJob() {
        poll();
    }

    /** Polls every open rollout once; returns how many ended. */
    public int poll() {
        List<Long> open = QuarkusTransaction.requiringNew().call(() -> trackings.open(POLL_LIMIT));
        int ended = 0;
        for (Long id : open) {
            try {
                if (QuarkusTransaction.requiringNew().call(() -> pollOne(id))) {
                    ended++;
                }
            } catch (RuntimeException e) {
                LOG.warnf("Polling rollout %d failed: %s", id, e.getMessage());
            }
        }
        return ended;
    }

    /** The rollout the Rollback button of this record's message restores: its service, environment and revision. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<RollbackOffer> rollbackOffer(long recordId) {
        return trackings.findByIdOptional(recordId).filter(t -> t.previousRevision != null && !t.rollbackWithdrawn)
                .flatMap(t -> recordRepository.findByIdOptional(recordId)
                        .map(r -> new RollbackOffer(r.service, r.environment, t.previousRevision)));
    }

    public record RollbackOffer(String service, String environment, long revision) {
    }

    private boolean pollOne(long id) {
        Optional<RolloutTracking> locked = trackings.lockOpen(id);
        if (locked.isEmpty()) {
            return false;
        }
        RolloutTracking tracking = locked.get();
        DeploymentRecord record = recordRepository.findById(id);
        Deployment deployment;
        KubernetesClient client;
        try {
            client = clusters.client(record.cluster);
            deployment = client.apps().deployments().inNamespace(record.namespace).withName(record.deployment).get();
        } catch (ClusterUnavailableException | KubernetesClientException e) {
            LOG.debugf("Rollout %d: cluster %s not reachable now (%s)", id, record.cluster, e.getMessage());
            return giveUpIfTooOld(tracking, record);
        }
        if (deployment == null) {
            return end(tracking, record, null, DeploymentRecord.Result.FAILED, "the Deployment was deleted");
        }
        Optional<String> newer = supersededBy(record, deployment);
        if (newer.isPresent()) {
            return supersede(tracking, record, newer.get());
        }
        RolloutProgress progress = RolloutProgress.of(deployment);
        reportTrouble(client, tracking, record, deployment);
        if (progress.phase() == RolloutProgress.Phase.SUCCEEDED) {
            return end(tracking, record, progress, DeploymentRecord.Result.SUCCEEDED, progress.detail());
        }
        if (progress.phase() == RolloutProgress.Phase.FAILED) {
            return end(tracking, record, progress, DeploymentRecord.Result.FAILED, progress.detail());
        }
        publish(tracking, record, progress);
        return giveUpIfTooOld(tracking, record);
    }

    /**
     * The newer change that now owns the Deployment, if one does: each change writes its record id into the
     * Deployment's annotations with its spec, and a spec changed by someone else raises the generation past ours.
     */
    private Optional<String> supersededBy(DeploymentRecord record, Deployment deployment) {
        String changeId = deployment.getMetadata().getAnnotations() == null ? null
                : deployment.getMetadata().getAnnotations().get(WorkloadAnnotations.CHANGE_ID);
        if (changeId != null && !changeId.equals(Long.toString(record.id))) {
            // the change right after this one took over, even if more followed before this poll
            return Optional.of(recordRepository.nextChange(record).map(this::describe).orElse("a newer change"));
        }
        Long generation = deployment.getMetadata().getGeneration();
        if (record.generation != null && generation != null && generation > record.generation) {
            return Optional.of("a change made outside Harbormaster");
        }
        return Optional.empty();
    }

    /** A change as the people in the channel know it: "deploy `1.5.1` from @dave (change #12)". */
    private String describe(DeploymentRecord change) {
        String what = switch (change.kind) {
            case DEPLOY -> "deploy " + Text.code(ImageReference.parse(change.toImage).version());
            case ROLLBACK -> "rollback to " + Text.code(ImageReference.parse(change.toImage).version());
            case SCALE -> "scale to " + change.toReplicas + " replicas";
            case RESTART -> "restart";
            case EXTERNAL -> "a change made outside Harbormaster";
        };
        return what + " from " + Text.person(change.actor) + " (change #" + change.id + ")";
    }

    private boolean supersede(RolloutTracking tracking, DeploymentRecord record, String newer) {
        tracking.finishedAt = Instant.now();
        records.finish(record.id, DeploymentRecord.Result.SUPERSEDED, "superseded by " + newer);
        RolloutMessage.View view = new RolloutMessage.View(record.id, tracking.summary, record.actor, null,
                Duration.between(tracking.startedAt, tracking.finishedAt), clusters.simulated(), null, newer);
        tracking.lastText = RolloutMessage.text(view);
        tracking.lastBlocks = RolloutMessage.blocksJson(view);
        outbox.enqueue(OutboundMessage.update(tracking.channel, tracking.messageKey, tracking.lastText, tracking.lastBlocks));
        outbox.enqueue(OutboundMessage.post(tracking.channel, ":fast_forward: Superseded by " + newer
                + "; that change's own message follows it from here.", null).inThreadOf(tracking.messageKey));
        LOG.infof("Rollout %d (%s/%s in %s) superseded by %s", record.id, record.namespace, record.deployment,
                record.environment, newer);
        return true;
    }

    /**
     * Trouble of this rollout's own pods only: those of the ReplicaSet it brought up (by pod-template-hash), so that a
     * failing earlier or later rollout of the same Deployment is never reported in this one's thread.
     */
    private void reportTrouble(KubernetesClient client, RolloutTracking tracking, DeploymentRecord record, Deployment deployment) {
        if (tracking.podTemplateHash == null) {
            tracking.podTemplateHash = currentTemplateHash(client, record, deployment).orElse(null);
            if (tracking.podTemplateHash == null) {
                return;
            }
        }
        List<Pod> pods = client.pods().inNamespace(record.namespace)
                .withLabels(deployment.getSpec().getSelector().getMatchLabels())
                .withLabel(POD_TEMPLATE_HASH, tracking.podTemplateHash).list().getItems();
        List<Event> events = client.v1().events().inNamespace(record.namespace).list().getItems();
        for (RolloutTrouble trouble : RolloutTrouble.find(pods, events, record.deployment + "-" + tracking.podTemplateHash)) {
            if (!tracking.reportedKeys().contains(trouble.key())) {
                tracking.addReported(trouble.key());
                outbox.enqueue(OutboundMessage.post(tracking.channel, ":warning: " + trouble.text(), null)
                        .inThreadOf(tracking.messageKey));
            }
        }
    }

    /** The hash of the ReplicaSet at the Deployment's current revision, once the controller has made it. */
    private static Optional<String> currentTemplateHash(KubernetesClient client, DeploymentRecord record, Deployment deployment) {
        long observed = deployment.getStatus() == null || deployment.getStatus().getObservedGeneration() == null ? 0
                : deployment.getStatus().getObservedGeneration();
        Long generation = deployment.getMetadata().getGeneration();
        String revision = deployment.getMetadata().getAnnotations() == null ? null
                : deployment.getMetadata().getAnnotations().get(WorkloadAnnotations.REVISION);
        if (revision == null || generation == null || observed < generation) {
            return Optional.empty();
        }
        return client.apps().replicaSets().inNamespace(record.namespace)
                .withLabels(deployment.getSpec().getSelector().getMatchLabels()).list().getItems().stream()
                .filter(rs -> rs.getMetadata().getAnnotations() != null
                        && revision.equals(rs.getMetadata().getAnnotations().get(WorkloadAnnotations.REVISION)))
                .map(rs -> rs.getMetadata().getLabels() == null ? null : rs.getMetadata().getLabels().get(POD_TEMPLATE_HASH))
                .filter(Objects::nonNull).findFirst();
    }

    private boolean giveUpIfTooOld(RolloutTracking tracking, DeploymentRecord record) {
        if (Duration.between(tracking.startedAt, Instant.now()).compareTo(settings.trackingGivesUpAfter()) < 0) {
            return false;
        }
        return end(tracking, record, null, DeploymentRecord.Result.FAILED,
                "not finished after " + settings.trackingGivesUpAfter().toMinutes() + " minutes; no longer followed");
    }

    private boolean end(RolloutTracking tracking, DeploymentRecord record, RolloutProgress progress,
                        DeploymentRecord.Result result, String detail) {
        tracking.finishedAt = Instant.now();
        records.finish(record.id, result, detail);
        publish(tracking, record, progress);
        if (progress == null) {
            outbox.enqueue(OutboundMessage.post(tracking.channel, ":x: " + Mrkdwn.escape(detail), null).inThreadOf(tracking.messageKey));
        }
        LOG.infof("Rollout %d (%s/%s in %s) ended: %s, %s", record.id, record.namespace, record.deployment,
                record.environment, result, detail);
        return true;
    }

    private void publish(RolloutTracking tracking, DeploymentRecord record, RolloutProgress progress) {
        Instant end = tracking.finishedAt == null ? Instant.now() : tracking.finishedAt;
        RolloutMessage.View view = new RolloutMessage.View(record.id, tracking.summary, record.actor, progress,
                Duration.between(tracking.startedAt, end), clusters.simulated(), tracking.previousRevision, null);
        String text = RolloutMessage.text(view);
        if (text.equals(tracking.lastText) && tracking.finishedAt == null) {
            return;
        }
        tracking.lastText = text;
        tracking.lastBlocks = RolloutMessage.blocksJson(view);
        outbox.enqueue(OutboundMessage.update(tracking.channel, tracking.messageKey, text, tracking.lastBlocks));
    }
}
