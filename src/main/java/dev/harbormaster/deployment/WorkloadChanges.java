package dev.harbormaster.deployment;

import dev.harbormaster.approval.ActionRefusedException;
import dev.harbormaster.command.Mrkdwn;
import dev.harbormaster.kubernetes.RolloutSimulator;
import dev.harbormaster.team.TeamRouting;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClientException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.net.HttpURLConnection;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Makes the four changes (deploy, rollback, scale, restart) on a Deployment: one edit each (a JSON patch computed by
 * Fabric8; the simulated API server does not replace lists on a JSON merge patch), carrying
 * Harbormaster's annotations (change id, who, change cause) in the same update; every change is recorded in
 * {@code deployment_record} and followed by the {@link RolloutTracker} in the owning team's channel.
 */
@ApplicationScoped
public class WorkloadChanges {

    private static final Logger LOG = Logger.getLogger(WorkloadChanges.class);
    /** How often an edit is applied again after a 409 Conflict before the change is refused. */
    private static final int CONFLICT_ATTEMPTS = 5;

    @Inject
    DeploymentTargets targets;
    @Inject
    DeploymentRecords records;
    @Inject
    RolloutTracker tracker;
    @Inject
    TeamRouting routing;

    /** The image repository: the catalog's {@code harbormaster.dev/image}, else the one the Deployment runs now. */
    public String repository(DeploymentTarget target, Deployment deployment) {
        return Optional.ofNullable(target.service().annotations.get(WorkloadAnnotations.CATALOG_IMAGE))
                .filter(s -> !s.isBlank())
                .orElseGet(() -> ImageReference.parse(container(deployment).getImage()).repository());
    }

    /** @param commitTime when the deployed commit was made (for lead time), or null when not known */
    public String deploy(DeploymentTarget target, String version, String requesterId, java.time.Instant commitTime) {
        Deployment deployment = targets.deployment(target);
        Container container = container(deployment);
        String toImage = new ImageReference(repository(target, deployment), version).toString();
        if (toImage.equals(container.getImage())) {
            throw new ActionRefusedException(target.describe() + " already runs " + Text.code(toImage) + "; nothing to deploy.");
        }
        String name = container.getName();
        return change(target, deployment, DeploymentRecord.Kind.DEPLOY, requesterId, toImage, replicas(deployment), commitTime,
                "deploy " + version, edited -> edited.getSpec().getTemplate().getSpec().getContainers().stream()
                        .filter(c -> c.getName().equals(name)).forEach(c -> c.setImage(toImage)),
                "deploy " + Text.code(target.service().name) + " " + Text.code(version) + " to " + Text.code(target.environment().name));
    }

    public String scale(DeploymentTarget target, int replicas, String requesterId) {
        Deployment deployment = targets.deployment(target);
        if (replicas == replicas(deployment)) {
            throw new ActionRefusedException(target.describe() + " already has " + replicas + " replicas; nothing to change.");
        }
        return change(target, deployment, DeploymentRecord.Kind.SCALE, requesterId, container(deployment).getImage(), replicas, null,
                "scale to " + replicas, edited -> edited.getSpec().setReplicas(replicas),
                "scale " + Text.code(target.service().name) + " in " + Text.code(target.environment().name) + " from "
                        + replicas(deployment) + " to " + replicas + " replicas");
    }

    public String restart(DeploymentTarget target, String requesterId) {
        Deployment deployment = targets.deployment(target);
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        return change(target, deployment, DeploymentRecord.Kind.RESTART, requesterId, container(deployment).getImage(),
                replicas(deployment), null, "restart",
                edited -> {
                    PodTemplateSpec template = edited.getSpec().getTemplate();
                    if (template.getMetadata() == null) {
                        template.setMetadata(new ObjectMeta());
                    }
                    Map<String, String> annotations = new HashMap<>(Optional.ofNullable(template.getMetadata().getAnnotations()).orElse(Map.of()));
                    annotations.put(WorkloadAnnotations.RESTARTED_AT, now);
                    template.getMetadata().setAnnotations(annotations);
                },
                "restart " + Text.code(target.service().name) + " in " + Text.code(target.environment().name));
    }

    /** @param revision the revision to go back to, or null for the one before the current */
    public String rollback(DeploymentTarget target, Long revision, String requesterId) {
        Deployment deployment = targets.deployment(target);
        List<ReplicaSet> history = revisions(target, deployment);
        long current = currentRevision(deployment, history);
        ReplicaSet to;
        if (revision == null) {
            to = history.stream().filter(rs -> revision(rs) < current).max(Comparator.comparingLong(WorkloadChanges::revision))
                    .orElseThrow(() -> new ActionRefusedException(target.describe() + " has no revision before "
                            + current + " to roll back to. See `history`."));
        } else {
            if (revision == current) {
                throw new ActionRefusedException("Revision " + revision + " is what " + target.describe()
                        + " runs now; nothing to roll back.");
            }
            to = history.stream().filter(rs -> revision(rs) == revision).findFirst()
                    .orElseThrow(() -> new ActionRefusedException(target.describe() + " has no revision " + revision
                            + "; it has " + String.join(", ", history.stream().map(rs -> Long.toString(revision(rs))).toList())
                            + ". See `history` for what each ran."));
        }
        PodTemplateSpec wanted = new PodTemplateSpecBuilder(to.getSpec().getTemplate()).build();
        if (wanted.getMetadata() != null && wanted.getMetadata().getLabels() != null) {
            wanted.getMetadata().setLabels(withoutHash(wanted.getMetadata().getLabels()));
        }
        String toImage = wanted.getSpec().getContainers().get(0).getImage();
        return change(target, deployment, DeploymentRecord.Kind.ROLLBACK, requesterId, toImage, replicas(deployment), null,
                "rollback to revision " + revision(to), edited -> edited.getSpec().setTemplate(wanted),
                "roll back " + Text.code(target.service().name) + " in " + Text.code(target.environment().name)
                        + " to revision " + revision(to) + " (" + Text.code(ImageReference.parse(toImage).version()) + ")");
    }

    /** The Deployment's ReplicaSets, newest revision first. */
    public List<ReplicaSet> revisions(DeploymentTarget target, Deployment deployment) {
        try {
            return targets.client(target).apps().replicaSets().inNamespace(target.workload().namespace())
                    .withLabels(deployment.getSpec().getSelector().getMatchLabels()).list().getItems().stream()
                    .filter(rs -> rs.getMetadata().getOwnerReferences() != null && rs.getMetadata().getOwnerReferences()
                            .stream().anyMatch(o -> Objects.equals(o.getUid(), deployment.getMetadata().getUid())))
                    .sorted(Comparator.comparingLong(WorkloadChanges::revision).reversed()).toList();
        } catch (KubernetesClientException e) {
            throw targets.unreachable(target, e);
        }
    }

    static long currentRevision(Deployment deployment, List<ReplicaSet> history) {
        String annotation = annotations(deployment).get(WorkloadAnnotations.REVISION);
        if (annotation != null && annotation.matches("\\d{1,18}")) {
            return Long.parseLong(annotation);
        }
        return history.stream().mapToLong(WorkloadChanges::revision).max().orElse(0);
    }

    static long revision(ReplicaSet rs) {
        String value = rs.getMetadata().getAnnotations() == null ? null : rs.getMetadata().getAnnotations().get(WorkloadAnnotations.REVISION);
        return value != null && value.matches("\\d{1,18}") ? Long.parseLong(value) : 0;
    }

    private String change(DeploymentTarget target, Deployment deployment, DeploymentRecord.Kind kind, String requesterId,
                          String toImage, int toReplicas, java.time.Instant commitTime, String cause, Consumer<Deployment> edit,
                          String summary) {
        long generation = Optional.ofNullable(deployment.getMetadata().getGeneration()).orElse(0L);
        long recordId = records.start(target.workload(), kind, requesterId, container(deployment).getImage(), toImage,
                replicas(deployment), toReplicas, generation + 1, null, commitTime);
        Map<String, String> annotations = Map.of(WorkloadAnnotations.CHANGE_ID, Long.toString(recordId),
                WorkloadAnnotations.CHANGED_BY, requesterId,
                WorkloadAnnotations.CHANGE_CAUSE, "harbormaster: " + cause + " by " + requesterId);
        Deployment changed;
        try {
            changed = editRetryingConflicts(target, edited -> {
                Map<String, String> merged = new HashMap<>(annotations(edited));
                merged.putAll(annotations);
                edited.getMetadata().setAnnotations(merged);
                edit.accept(edited);
            });
        } catch (KubernetesClientException e) {
            ActionRefusedException refusal = targets.unreachable(target, e);
            records.finish(recordId, DeploymentRecord.Result.FAILED, "patch refused: HTTP " + e.getCode());
            throw refusal;
        }
        // The generation this change really produced (another change may have slipped in since the read): the
        // tracker takes a higher one for someone else's change
        Optional.ofNullable(changed.getMetadata().getGeneration()).ifPresent(actual -> records.produced(recordId, actual));
        String channel = channel(target);
        long previous = currentRevision(deployment, List.of());
        tracker.begin(recordId, channel, summary, previous > 0 ? previous : null, requesterId, target.workload().simulated());
        return "Started to " + summary + " on " + Mrkdwn.escape(target.workload().describe()) + "; follow it in "
                + channelLink(channel) + ".";
    }

    /**
     * One edit of the Deployment, read afresh and applied again when the API server answers 409 Conflict: its
     * controller (or another change) wrote the object between the read and the write. Each change here says what the
     * object should become (an image, a replica count, a template), so applying it to the newer object is right, as
     * client-go's RetryOnConflict does.
     */
    private Deployment editRetryingConflicts(DeploymentTarget target, Consumer<Deployment> edit) {
        for (int attempt = 1; ; attempt++) {
            try {
                return targets.client(target).apps().deployments().inNamespace(target.workload().namespace())
                        .withName(target.workload().deploymentName()).edit(edited -> {
                            edit.accept(edited);
                            return edited;
                        });
            } catch (KubernetesClientException e) {
                if (e.getCode() != HttpURLConnection.HTTP_CONFLICT || attempt >= CONFLICT_ATTEMPTS) {
                    throw e;
                }
                LOG.debugf("%s changed while being edited (409); applying the change again", target.workload().describe());
            }
        }
    }

    /** The owning team's channel, else the platform's (see {@link TeamRouting}). */
    private String channel(DeploymentTarget target) {
        return routing.forService(target.service().name).channel();
    }

    private static String channelLink(String channel) {
        if (channel.matches("[UW][A-Z0-9]{2,}")) {
            return "your direct messages";
        }
        return channel.matches("[CG][A-Z0-9]{8,}") ? "<#" + channel + ">" : "#" + Mrkdwn.escape(channel);
    }

    static Container container(Deployment deployment) {
        List<Container> containers = deployment.getSpec().getTemplate().getSpec().getContainers();
        return containers.stream().filter(c -> c.getName().equals(deployment.getMetadata().getName())).findFirst()
                .orElse(containers.get(0));
    }

    static int replicas(Deployment deployment) {
        return deployment.getSpec().getReplicas() == null ? 1 : deployment.getSpec().getReplicas();
    }

    private static Map<String, String> withoutHash(Map<String, String> labels) {
        Map<String, String> copy = new HashMap<>(Optional.ofNullable(labels).orElse(Map.of()));
        copy.remove(RolloutSimulator.TEMPLATE_HASH_LABEL);
        return copy;
    }

    private static Map<String, String> annotations(Deployment deployment) {
        return Optional.ofNullable(deployment.getMetadata().getAnnotations()).orElse(Map.of());
    }
}
