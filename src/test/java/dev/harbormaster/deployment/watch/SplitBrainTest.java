package dev.harbormaster.deployment.watch;

import static dev.harbormaster.testing.Await.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.harbormaster.catalog.CatalogImport;
import dev.harbormaster.kubernetes.Clusters;
import dev.harbormaster.kubernetes.Workload;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * When the Lease fails (two replicas both believe they lead, e.g. around a network partition), the database still
 * lets one notice out per change: the record and its outbox message commit together or not at all, and V11's unique
 * index admits one record per Deployment generation.
 */
@QuarkusTest
@TestProfile(ShortLeaseProfile.class)
class SplitBrainTest {

    @Inject
    CatalogImport catalogImport;
    @Inject
    Clusters clusters;
    @Inject
    ExternalChangeNotifier notifier;
    @Inject
    ExternalChangeRecorder recorder;
    @Inject
    WatchSettings settings;
    @Inject
    EntityManager entityManager;

    @Test
    void twoReplicasWatchingAtOnceAnnounceAKubectlEditOnce() {
        WatchScenario scenario = new WatchScenario(catalogImport);
        // A namespace the catalog does not name, so that only the two replicas of this test watch it.
        Workload workload = new Workload(scenario.service, "production", WatchScenario.CLUSTER,
                scenario.namespace, scenario.service, true);
        CatalogWorkloads.Index index = new CatalogWorkloads.Index(Map.of(
                new WatchedNamespace(WatchScenario.CLUSTER, scenario.namespace + "-split"),
                Map.of(scenario.service, workload)));
        List<ExternalChangeSink.Outcome> outcomes = new CopyOnWriteArrayList<>();
        ExternalChangeSink counting = new ExternalChangeSink() {
            @Override
            public Outcome report(Workload changed, ExternalChange change) {
                Outcome outcome = notifier.report(changed, change);
                outcomes.add(outcome);
                return outcome;
            }

            @Override
            public Outcome reportIfMissed(Workload changed, Deployment current) {
                return notifier.reportIfMissed(changed, current);
            }
        };
        String apiServer = clusters.simulation().url();
        try (KubernetesClient kubectl = WatchScenario.clientOf(apiServer);
             KubernetesClient first = WatchScenario.clientOf(apiServer);
             KubernetesClient second = WatchScenario.clientOf(apiServer)) {
            DeploymentInformers firstReplica = leadingInformers(first, counting, index);
            DeploymentInformers secondReplica = leadingInformers(second, counting, index);
            try {
                WatchScenario split = scenario.inNamespace(scenario.namespace + "-split");
                split.seed(kubectl, "1.0.0");
                waitFor("both replicas to watch", () -> firstReplica.watching().size() == 1
                        && secondReplica.watching().size() == 1);

                split.kubectlEdit(kubectl, "1.1.0");

                waitFor("both replicas to handle the edit", () -> outcomes.size() == 2);
                assertEquals(1, outcomes.stream().filter(ExternalChangeSink.Outcome.REPORTED::equals).count(),
                        outcomes.toString());
                assertEquals(1L, outboxMessagesAbout(scenario.service), "one notice queued");
                waitFor("the notice in #payments", () -> !scenario.notices().isEmpty());
                assertEquals(List.of(scenario.service + " (production) changed outside Harbormaster: 1.0.0 → 1.1.0"
                        + " by kubectl-edit on eks-eu-1 (simulated cluster)"), scenario.notices());
            } finally {
                firstReplica.stopAll();
                secondReplica.stopAll();
            }
        }
    }

    @Test
    void aSecondReportCommittingWhileTheFirstIsInFlightIsRolledBackWithItsMessage() throws Exception {
        WatchScenario scenario = new WatchScenario(catalogImport);
        Workload workload = new Workload(scenario.service, "production", WatchScenario.CLUSTER, scenario.namespace,
                scenario.service, true);
        ExternalChange change = new ExternalChange(List.of(new ImageUpdate("app", scenario.image("1.0.0"),
                scenario.image("1.1.0"))), "argocd-controller", 7L, 2);
        CountDownLatch recorded = new CountDownLatch(1);
        CountDownLatch commit = new CountDownLatch(1);

        CompletableFuture<Void> firstReplica = CompletableFuture.runAsync(() -> QuarkusTransaction.requiringNew().run(() -> {
            recorder.record(workload, change);
            recorded.countDown();
            await(commit);
        }));
        await(recorded);
        CompletableFuture<ExternalChangeSink.Outcome> secondReplica =
                CompletableFuture.supplyAsync(() -> notifier.report(workload, change));
        waitFor("the second insert to wait on the first one's index entry", this::anInsertWaitsForALock);
        commit.countDown();

        firstReplica.get(30, TimeUnit.SECONDS);
        assertEquals(ExternalChangeSink.Outcome.ALREADY_REPORTED, secondReplica.get(30, TimeUnit.SECONDS));
        assertEquals(1L, outboxMessagesAbout(scenario.service));
        assertEquals(1L, (long) QuarkusTransaction.requiringNew().call(() -> entityManager.createQuery(
                "select count(r) from DeploymentRecord r where r.service = ?1", Long.class)
                .setParameter(1, scenario.service).getSingleResult()));
    }

    private DeploymentInformers leadingInformers(KubernetesClient client, ExternalChangeSink sink,
                                                 CatalogWorkloads.Index index) {
        DeploymentInformers informers = new DeploymentInformers(cluster -> client, sink, settings.resync(),
                Duration.ofSeconds(1));
        informers.activate();
        informers.watch(index);
        return informers;
    }

    private boolean anInsertWaitsForALock() {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager.createNativeQuery(
                "select count(*) from pg_stat_activity where wait_event_type = 'Lock' and query ilike 'insert into deployment_record%'")
                .getSingleResult()).longValue() > 0);
    }

    private long outboxMessagesAbout(String service) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager.createNativeQuery(
                "select count(*) from outbox_message where text like ?1").setParameter(1, service + " %")
                .getSingleResult()).longValue());
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("timed out");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
