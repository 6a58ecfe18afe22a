package dev.harbormaster.kubernetes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetStatus;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Plays the Deployment and ReplicaSet controllers against the simulated API server, which stores objects but
 * reconciles nothing. Each {@link #tick} moves every Deployment one step: a changed pod template gets a new
 * ReplicaSet revision (or an older one back, on rollback; a ReplicaSet of the same template left by a deleted
 * Deployment is adopted, as the controller does); one new pod is added (surge 1) and one old pod removed
 * while availability allows; status, counts and the Progressing / Available conditions follow. Images whose tag
 * contains a failure marker never become ready, so the progress deadline passes as it would in a real cluster:
 * {@code broken} (ImagePullBackOff), {@code crash} (CrashLoopBackOff), {@code unready} (failing readiness probe),
 * each with the Warning events a kubelet would record. Status is written with a JSON patch on the status
 * subresource: the mock server's PUT on {@code /status} replaces the whole object, spec included, and its JSON
 * merge patches append to lists (conditions) instead of replacing them.
 */
@ApplicationScoped
public class RolloutSimulator {

    public static final String TEMPLATE_HASH_LABEL = "pod-template-hash";
    static final String REVISION = "deployment.kubernetes.io/revision";
    private static final Logger LOG = Logger.getLogger(RolloutSimulator.class);
    private static final int MAX_SURGE = 1;
    private static final int SETTLE_LIMIT = 200;
    private static final ObjectMapper CANONICAL = new ObjectMapper();

    private final Clusters clusters;
    private final AtomicBoolean deploymentChanged = new AtomicBoolean(true);
    private ScheduledExecutorService ticker;
    private volatile Watch deploymentWatch;
    private volatile boolean watchClosed;
    private volatile boolean unsettledAtLastTick = true;

    public RolloutSimulator(Clusters clusters) {
        this.clusters = clusters;
    }

    /** What a pod of an image does, read from its tag. */
    enum Behaviour {
        HEALTHY, IMAGE_PULL_BACK_OFF, CRASH_LOOP, FAILING_PROBE;

        static Behaviour of(String image) {
            String tag = image == null ? "" : image.substring(Math.max(image.lastIndexOf(':'), image.lastIndexOf('/')) + 1);
            if (tag.contains("broken")) {
                return IMAGE_PULL_BACK_OFF;
            }
            if (tag.contains("crash")) {
                return CRASH_LOOP;
            }
            return tag.contains("unready") ? FAILING_PROBE : HEALTHY;
        }
    }

    void start(@Observes StartupEvent startup) {
        if (!clusters.simulated()) {
            return;
        }
        ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "rollout-simulator");
            thread.setDaemon(true);
            return thread;
        });
        ticker.scheduleWithFixedDelay(this::tickQuietly, 1, 1, TimeUnit.SECONDS);
    }

    void stop(@Observes ShutdownEvent shutdown) {
        if (ticker != null) {
            ticker.shutdownNow();
        }
        if (deploymentWatch != null) {
            deploymentWatch.close();
        }
    }

    /**
     * The ticker's step: skipped while every Deployment was settled at the last step and no Deployment has changed
     * since, which is nearly always. Listing every Deployment each second cost a megabyte and a half of JSON a second
     * for the 200 seeded services, which the JVM allocates as humongous objects (JFR, 2026-12-03), for nothing.
     */
    private void tickQuietly() {
        try {
            if (watchingForChanges() && !deploymentChanged.getAndSet(false) && !unsettledAtLastTick) {
                return;
            }
            tick();
        } catch (RuntimeException e) {
            // the changes this step missed are still to be made
            deploymentChanged.set(true);
            LOG.debugf("Rollout simulator tick failed: %s", e.getMessage());
        }
    }

    /**
     * Watches every Deployment of the simulated cluster, whoever writes it (a command, the sandbox, another replica, this
     * simulator). Opened by the ticker, not at start, so that the simulated cluster still starts only when first used.
     * A watch the client gives up on makes every tick list again, as before.
     */
    private boolean watchingForChanges() {
        if (deploymentWatch == null) {
            deploymentChanged.set(true);
            deploymentWatch = clusters.simulation().client().apps().deployments().inAnyNamespace().watch(new Watcher<>() {
                @Override
                public void eventReceived(Action action, Deployment deployment) {
                    deploymentChanged.set(true);
                }

                @Override
                public void onClose(WatcherException cause) {
                    watchClosed = true;
                }
            });
        }
        return !watchClosed;
    }

    public void tick() {
        tick(Instant.now());
    }

    /** One step for every Deployment in the simulated cluster, as if the time were {@code now}. */
    public synchronized void tick(Instant now) {
        KubernetesClient client = clusters.simulation().client();
        boolean unsettled = false;
        for (Deployment deployment : client.apps().deployments().inAnyNamespace().list().getItems()) {
            if (hasSelector(deployment) && !settled(deployment)) {
                unsettled = true;
                reconcile(client, deployment, now);
            }
        }
        unsettledAtLastTick = unsettled;
    }

    /**
     * Whether the status last written describes the spec (same generation, every replica updated and ready, none
     * extra): then there is no step to take until the Deployment changes, and the tick makes no request for it. Without
     * this each tick read every Deployment's ReplicaSets and pods, a few hundred requests a second for 400 of them.
     */
    static boolean settled(Deployment deployment) {
        DeploymentStatus status = deployment.getStatus();
        if (status == null || status.getObservedGeneration() == null) {
            return false;
        }
        long generation = Optional.ofNullable(deployment.getMetadata().getGeneration()).orElse(1L);
        int desired = Optional.ofNullable(deployment.getSpec().getReplicas()).orElse(1);
        return status.getObservedGeneration() == generation
                && Optional.ofNullable(status.getReplicas()).orElse(0) == desired
                && Optional.ofNullable(status.getUpdatedReplicas()).orElse(0) == desired
                && Optional.ofNullable(status.getReadyReplicas()).orElse(0) == desired;
    }

    /** Steps one Deployment until its rollout is complete or cannot go on: for content that should start ready. */
    public synchronized void settle(String namespace, String name) {
        KubernetesClient client = clusters.simulation().client();
        for (int step = 0; step < SETTLE_LIMIT; step++) {
            Deployment deployment = client.apps().deployments().inNamespace(namespace).withName(name).get();
            if (deployment == null || !reconcile(client, deployment, Instant.now())) {
                return;
            }
        }
    }

    /** @return whether anything moved */
    boolean reconcile(KubernetesClient client, Deployment deployment, Instant now) {
        String namespace = deployment.getMetadata().getNamespace();
        Map<String, String> selector = selector(deployment);
        List<ReplicaSet> owned = new ArrayList<>(client.apps().replicaSets().inNamespace(namespace).withLabels(selector)
                .list().getItems().stream().filter(rs -> ownedBy(rs.getMetadata().getOwnerReferences(), deployment.getMetadata().getUid()))
                .toList());
        String hash = templateHash(deployment.getSpec().getTemplate());
        long generation = Optional.ofNullable(deployment.getMetadata().getGeneration()).orElse(1L);
        long observed = deployment.getStatus() == null || deployment.getStatus().getObservedGeneration() == null ? 0
                : deployment.getStatus().getObservedGeneration();
        boolean progressed = false;
        long newest = owned.stream().mapToLong(RolloutSimulator::revision).max().orElse(0);
        ReplicaSet current = owned.stream().filter(rs -> hash.equals(rs.getMetadata().getLabels().get(TEMPLATE_HASH_LABEL)))
                .findFirst().orElse(null);
        if (current == null) {
            ReplicaSet wanted = newReplicaSet(deployment, hash, newest + 1);
            var named = client.apps().replicaSets().inNamespace(namespace).withName(wanted.getMetadata().getName());
            current = named.get() == null ? named.create(wanted) : named.edit(orphan -> {
                orphan.getMetadata().setOwnerReferences(wanted.getMetadata().getOwnerReferences());
                orphan.getMetadata().setAnnotations(wanted.getMetadata().getAnnotations());
                return orphan;
            });
            owned.add(current);
            progressed = true;
        } else if (observed < generation && revision(current) < newest) {
            current = client.apps().replicaSets().inNamespace(namespace).withName(current.getMetadata().getName())
                    .patch(PatchContext.of(PatchType.JSON_MERGE), Serialization.asJson(Map.of("metadata",
                            Map.of("annotations", carriedAnnotations(deployment, newest + 1)))));
            progressed = true;
        }
        String currentRevision = Long.toString(revision(current));
        if (!currentRevision.equals(annotation(deployment, REVISION))) {
            client.apps().deployments().inNamespace(namespace).withName(deployment.getMetadata().getName())
                    .patch(PatchContext.of(PatchType.JSON_MERGE), Serialization.asJson(Map.of("metadata",
                            Map.of("annotations", Map.of(REVISION, currentRevision)))));
        }

        int desired = Optional.ofNullable(deployment.getSpec().getReplicas()).orElse(1);
        List<Pod> pods = pods(client, namespace, selector, owned);
        List<Pod> currentPods = pods.stream().filter(p -> hash.equals(label(p, TEMPLATE_HASH_LABEL))).toList();
        List<Pod> oldPods = pods.stream().filter(p -> !hash.equals(label(p, TEMPLATE_HASH_LABEL))).toList();
        if (currentPods.size() < desired && pods.size() < desired + MAX_SURGE) {
            createPod(client, deployment, current, now);
            progressed = true;
        } else if (currentPods.size() > desired) {
            delete(client, pick(currentPods));
            progressed = true;
        }
        pods = pods(client, namespace, selector, owned);
        oldPods = pods.stream().filter(p -> !hash.equals(label(p, TEMPLATE_HASH_LABEL))).toList();
        if (!oldPods.isEmpty()) {
            Pod victim = pick(oldPods);
            long readyAfter = pods.stream().filter(RolloutSimulator::ready).count() - (ready(victim) ? 1 : 0);
            if (readyAfter >= desired || !ready(victim)) {
                delete(client, victim);
                progressed = true;
                pods = pods(client, namespace, selector, owned);
            }
        }
        for (ReplicaSet rs : owned) {
            updateReplicaSet(client, rs, pods);
        }
        updateStatus(client, deployment, hash, current, pods, desired, generation, progressed, now);
        return progressed;
    }

    private void updateStatus(KubernetesClient client, Deployment deployment, String hash, ReplicaSet current, List<Pod> pods,
                              int desired, long generation, boolean progressed, Instant now) {
        int updated = (int) pods.stream().filter(p -> hash.equals(label(p, TEMPLATE_HASH_LABEL))).count();
        int ready = (int) pods.stream().filter(RolloutSimulator::ready).count();
        boolean complete = updated == desired && pods.size() == desired && ready == desired;
        DeploymentStatus previous = deployment.getStatus() == null ? new DeploymentStatus() : deployment.getStatus();
        Optional<DeploymentCondition> progressing = condition(previous, "Progressing");
        String rsName = current.getMetadata().getName();
        DeploymentCondition nextProgressing;
        if (complete) {
            nextProgressing = condition("Progressing", "True", "NewReplicaSetAvailable",
                    "ReplicaSet \"" + rsName + "\" has successfully progressed.", progressing, progressed ? now : null);
        } else if (progressing.filter(c -> "ProgressDeadlineExceeded".equals(c.getReason())).isPresent() && !progressed) {
            nextProgressing = progressing.get();
        } else if (progressed || progressing.isEmpty()) {
            nextProgressing = condition("Progressing", "True", "ReplicaSetUpdated",
                    "ReplicaSet \"" + rsName + "\" is progressing.", progressing, now);
        } else {
            Instant lastProgress = Instant.parse(progressing.get().getLastUpdateTime());
            int deadline = Optional.ofNullable(deployment.getSpec().getProgressDeadlineSeconds()).orElse(600);
            nextProgressing = lastProgress.plusSeconds(deadline).isBefore(now)
                    ? condition("Progressing", "False", "ProgressDeadlineExceeded",
                    "ReplicaSet \"" + rsName + "\" has timed out progressing.", progressing, now)
                    : progressing.get();
        }
        boolean available = ready >= desired;
        DeploymentCondition nextAvailable = condition("Available", available ? "True" : "False",
                available ? "MinimumReplicasAvailable" : "MinimumReplicasUnavailable",
                available ? "Deployment has minimum availability." : "Deployment does not have minimum availability.",
                condition(previous, "Available"), null);
        DeploymentStatus next = new DeploymentStatusBuilder().withObservedGeneration(generation).withReplicas(pods.size())
                .withUpdatedReplicas(updated).withReadyReplicas(ready).withAvailableReplicas(ready)
                .withUnavailableReplicas(Math.max(0, desired - ready))
                .withConditions(List.of(nextAvailable, nextProgressing)).build();
        if (!next.equals(deployment.getStatus())) {
            client.apps().deployments().inNamespace(deployment.getMetadata().getNamespace())
                    .withName(deployment.getMetadata().getName()).subresource("status")
                    .patch(PatchContext.of(PatchType.JSON), replaceStatus(next));
        }
    }

    /** A JSON patch replacing the whole status: a JSON merge patch on the simulated server appends to lists. */
    private static String replaceStatus(Object status) {
        return Serialization.asJson(List.of(Map.of("op", "add", "path", "/status", "value", status)));
    }

    /** A condition of that type, keeping its transition time when the status did not change. */
    private static DeploymentCondition condition(String type, String status, String reason, String message,
                                                 Optional<DeploymentCondition> before, Instant updatedAt) {
        String now = format(Instant.now());
        String transition = before.filter(b -> status.equals(b.getStatus())).map(DeploymentCondition::getLastTransitionTime)
                .orElse(updatedAt == null ? now : format(updatedAt));
        String update = updatedAt != null ? format(updatedAt)
                : before.filter(b -> reason.equals(b.getReason())).map(DeploymentCondition::getLastUpdateTime).orElse(now);
        return new DeploymentConditionBuilder().withType(type).withStatus(status).withReason(reason).withMessage(message)
                .withLastTransitionTime(transition).withLastUpdateTime(update).build();
    }

    private void updateReplicaSet(KubernetesClient client, ReplicaSet rs, List<Pod> pods) {
        String hash = rs.getMetadata().getLabels().get(TEMPLATE_HASH_LABEL);
        List<Pod> mine = pods.stream().filter(p -> hash.equals(label(p, TEMPLATE_HASH_LABEL))).toList();
        int ready = (int) mine.stream().filter(RolloutSimulator::ready).count();
        var replicaSets = client.apps().replicaSets().inNamespace(rs.getMetadata().getNamespace()).withName(rs.getMetadata().getName());
        if (!Objects.equals(rs.getSpec().getReplicas(), mine.size())) {
            replicaSets.patch(PatchContext.of(PatchType.JSON_MERGE), Serialization.asJson(Map.of("spec", Map.of("replicas", mine.size()))));
        }
        ReplicaSetStatus status = new ReplicaSetStatusBuilder().withReplicas(mine.size()).withReadyReplicas(ready)
                .withAvailableReplicas(ready).withFullyLabeledReplicas(mine.size())
                .withObservedGeneration(rs.getMetadata().getGeneration()).build();
        if (!status.equals(rs.getStatus())) {
            replicaSets.subresource("status").patch(PatchContext.of(PatchType.JSON), replaceStatus(status));
        }
    }

    private static ReplicaSet newReplicaSet(Deployment deployment, String hash, long revision) {
        Map<String, String> labels = new LinkedHashMap<>(selector(deployment));
        labels.put(TEMPLATE_HASH_LABEL, hash);
        PodTemplateSpec template = new PodTemplateSpecBuilder(deployment.getSpec().getTemplate()).editOrNewMetadata()
                .addToLabels(TEMPLATE_HASH_LABEL, hash).endMetadata().build();
        return new ReplicaSetBuilder().withNewMetadata().withName(deployment.getMetadata().getName() + "-" + hash)
                .withNamespace(deployment.getMetadata().getNamespace()).withLabels(labels)
                .withAnnotations(carriedAnnotations(deployment, revision))
                .withOwnerReferences(owner("apps/v1", "Deployment", deployment.getMetadata().getName(), deployment.getMetadata().getUid()))
                .endMetadata()
                .withNewSpec().withReplicas(0).withNewSelector().withMatchLabels(labels).endSelector().withTemplate(template).endSpec()
                .build();
    }

    /** What the controller copies from the Deployment onto a ReplicaSet: the revision and the change's annotations. */
    private static Map<String, String> carriedAnnotations(Deployment deployment, long revision) {
        Map<String, String> annotations = new HashMap<>();
        Optional.ofNullable(deployment.getMetadata().getAnnotations()).orElse(Map.of()).forEach((key, value) -> {
            if (key.startsWith("harbormaster.dev/") || key.equals("kubernetes.io/change-cause")) {
                annotations.put(key, value);
            }
        });
        annotations.put(REVISION, Long.toString(revision));
        return annotations;
    }

    private void createPod(KubernetesClient client, Deployment deployment, ReplicaSet rs, Instant now) {
        PodTemplateSpec template = rs.getSpec().getTemplate();
        String name = rs.getMetadata().getName() + "-" + suffix();
        String image = template.getSpec().getContainers().get(0).getImage();
        String container = template.getSpec().getContainers().get(0).getName();
        Behaviour behaviour = Behaviour.of(image);
        String started = format(now);
        ContainerStatusBuilder status = new ContainerStatusBuilder().withName(container).withImage(image)
                .withReady(behaviour == Behaviour.HEALTHY).withRestartCount(behaviour == Behaviour.CRASH_LOOP ? 3 : 0);
        String phase = "Running";
        switch (behaviour) {
            case IMAGE_PULL_BACK_OFF -> {
                phase = "Pending";
                status.withNewState().withNewWaiting().withReason("ImagePullBackOff")
                        .withMessage("Back-off pulling image \"" + image + "\"").endWaiting().endState();
            }
            case CRASH_LOOP -> status.withNewState().withNewWaiting().withReason("CrashLoopBackOff")
                    .withMessage("back-off 40s restarting failed container=" + container + " pod=" + name).endWaiting().endState();
            default -> status.withNewState().withNewRunning().withStartedAt(started).endRunning().endState();
        }
        ContainerStatus containerStatus = status.build();
        Pod pod = new PodBuilder().withNewMetadata().withName(name).withNamespace(rs.getMetadata().getNamespace())
                .withLabels(template.getMetadata().getLabels())
                .withOwnerReferences(owner("apps/v1", "ReplicaSet", rs.getMetadata().getName(), rs.getMetadata().getUid()))
                .endMetadata()
                .withSpec(template.getSpec())
                .withNewStatus().withPhase(phase).withStartTime(started)
                .addNewCondition().withType("Ready").withStatus(behaviour == Behaviour.HEALTHY ? "True" : "False").endCondition()
                .withContainerStatuses(containerStatus).endStatus()
                .build();
        client.pods().inNamespace(rs.getMetadata().getNamespace()).resource(pod).create();
        switch (behaviour) {
            case IMAGE_PULL_BACK_OFF -> {
                warn(client, pod, "Failed", "Failed to pull image \"" + image + "\": rpc error: code = NotFound desc = "
                        + "failed to pull and unpack image \"" + image + "\": not found", now);
                warn(client, pod, "BackOff", "Back-off pulling image \"" + image + "\"", now);
            }
            case CRASH_LOOP -> warn(client, pod, "BackOff", "Back-off restarting failed container " + container
                    + " in pod " + name, now);
            case FAILING_PROBE -> warn(client, pod, "Unhealthy",
                    "Readiness probe failed: HTTP probe failed with statuscode: 503", now);
            default -> {
            }
        }
        LOG.debugf("Simulated pod %s/%s (%s)", rs.getMetadata().getNamespace(), name, behaviour);
    }

    private static void warn(KubernetesClient client, Pod pod, String reason, String message, Instant now) {
        client.v1().events().inNamespace(pod.getMetadata().getNamespace()).resource(new EventBuilder().withNewMetadata()
                .withName(pod.getMetadata().getName() + "." + reason.toLowerCase()).endMetadata()
                .withType("Warning").withReason(reason).withMessage(message).withCount(1)
                .withFirstTimestamp(format(now)).withLastTimestamp(format(now))
                .withNewInvolvedObject().withKind("Pod").withName(pod.getMetadata().getName())
                .withNamespace(pod.getMetadata().getNamespace()).endInvolvedObject()
                .withNewSource().withComponent("kubelet").endSource().build()).create();
    }

    private static List<Pod> pods(KubernetesClient client, String namespace, Map<String, String> selector, List<ReplicaSet> owned) {
        List<String> owners = owned.stream().map(rs -> rs.getMetadata().getUid()).toList();
        return client.pods().inNamespace(namespace).withLabels(selector).list().getItems().stream()
                .filter(p -> p.getMetadata().getOwnerReferences() != null && p.getMetadata().getOwnerReferences().stream()
                        .anyMatch(o -> owners.contains(o.getUid())))
                .toList();
    }

    /** Not-ready pods go first, then the newest, as the ReplicaSet controller prefers. */
    private static Pod pick(List<Pod> pods) {
        return pods.stream().sorted(Comparator.comparing(RolloutSimulator::ready)
                .thenComparing(p -> p.getMetadata().getName())).findFirst().orElseThrow();
    }

    private static void delete(KubernetesClient client, Pod pod) {
        client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName()).delete();
    }

    static boolean ready(Pod pod) {
        return pod.getStatus() != null && pod.getStatus().getConditions() != null && pod.getStatus().getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    /** A real API server refuses an apps/v1 Deployment without a selector; the CRUD mock stores it, so skip it. */
    private static boolean hasSelector(Deployment deployment) {
        return deployment.getSpec() != null && deployment.getSpec().getSelector() != null
                && deployment.getSpec().getSelector().getMatchLabels() != null;
    }

    private static Map<String, String> selector(Deployment deployment) {
        return deployment.getSpec().getSelector().getMatchLabels();
    }

    private static boolean ownedBy(List<OwnerReference> owners, String uid) {
        return owners != null && owners.stream().anyMatch(o -> Objects.equals(o.getUid(), uid));
    }

    private static OwnerReference owner(String apiVersion, String kind, String name, String uid) {
        return new OwnerReferenceBuilder().withApiVersion(apiVersion).withKind(kind).withName(name).withUid(uid)
                .withController(true).withBlockOwnerDeletion(true).build();
    }

    static long revision(ReplicaSet rs) {
        String value = rs.getMetadata().getAnnotations() == null ? null : rs.getMetadata().getAnnotations().get(REVISION);
        try {
            return value == null ? 0 : Long.parseLong(value);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static Optional<DeploymentCondition> condition(DeploymentStatus status, String type) {
        return status.getConditions() == null ? Optional.empty()
                : status.getConditions().stream().filter(c -> type.equals(c.getType())).findFirst();
    }

    private static String annotation(Deployment deployment, String key) {
        return deployment.getMetadata().getAnnotations() == null ? null : deployment.getMetadata().getAnnotations().get(key);
    }

    private static String label(Pod pod, String key) {
        return pod.getMetadata().getLabels() == null ? null : pod.getMetadata().getLabels().get(key);
    }

    /**
     * Like the controller's pod-template-hash: the same template always gives the same ReplicaSet, whatever the
     * order of its keys and whether an empty map is written or left out (so a rollback finds its old ReplicaSet).
     */
    static String templateHash(PodTemplateSpec template) {
        try {
            Object canonical = canonical(CANONICAL.readValue(Serialization.asJson(template), Object.class));
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(CANONICAL.writeValueAsString(canonical)
                    .getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, 10);
        } catch (NoSuchAlgorithmException | JsonProcessingException e) {
            throw new IllegalStateException("a pod template always hashes", e);
        }
    }

    private static Object canonical(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> sorted = new TreeMap<>();
            map.forEach((key, inner) -> {
                Object kept = canonical(inner);
                if (kept != null) {
                    sorted.put(String.valueOf(key), kept);
                }
            });
            return sorted.isEmpty() ? null : sorted;
        }
        if (value instanceof List<?> list) {
            List<Object> kept = list.stream().map(RolloutSimulator::canonical).filter(Objects::nonNull).toList();
            return kept.isEmpty() ? null : kept;
        }
        return value;
    }

    private static String suffix() {
        String alphabet = "bcdfghjklmnpqrstvwxz2456789";
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 5; i++) {
            out.append(alphabet.charAt(ThreadLocalRandom.current().nextInt(alphabet.length())));
        }
        return out.toString();
    }

    private static String format(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
