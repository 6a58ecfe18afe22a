package dev.harbormaster.deployment.watch;

import static dev.harbormaster.testing.Await.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.harbormaster.catalog.CatalogImport;
import dev.harbormaster.deployment.DeploymentRecord;
import dev.harbormaster.deployment.DeploymentRecordRepository;
import dev.harbormaster.kubernetes.Clusters;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * Rollouts made outside Harbormaster, end to end: a Deployment in the simulated cluster is edited the way kubectl,
 * a pipeline or Harbormaster would, while the bot's own watcher and a second replica (its own client and Lease
 * identity, same API server and database) run; the owning team reads the result in #payments.
 */
@QuarkusTest
@TestProfile(ShortLeaseProfile.class)
class ExternalChangeWatcherTest {

    @Inject
    CatalogImport catalogImport;
    @Inject
    Clusters clusters;
    @Inject
    ExternalChangeWatcher watcher;
    @Inject
    ExternalChangeNotifier notifier;
    @Inject
    WatchSettings settings;
    @Inject
    DeploymentRecordRepository records;

    @Test
    void aKubectlEditIsAnnouncedOnceInTheOwningTeamsChannelWithTwoReplicasRunning() {
        WatchScenario scenario = new WatchScenario(catalogImport);
        String apiServer = clusters.simulation().url();
        try (KubernetesClient kubectl = WatchScenario.clientOf(apiServer);
             KubernetesClient secondPod = WatchScenario.clientOf(apiServer);
             WatcherReplica second = watcher.replica("second-replica", secondPod, cluster -> secondPod, notifier)) {
            // the bot's own replica starts beside start-up: let it take the Lease before the second pod asks
            WatcherReplica bot = watcher.running().orElseThrow();
            waitFor("the bot's replica to lead", () -> bot.leading() ? bot : null);
            second.start();
            scenario.seed(kubectl, "1.0.0");
            waitFor("the leading replica to watch " + scenario.watched, () -> watcher.watching().contains(scenario.watched));

            scenario.kubectlEdit(kubectl, "1.1.0");

            String notice = waitFor("the notice in #payments", () -> scenario.notices().stream().findFirst().orElse(null));
            assertEquals(scenario.service + " (production) changed outside Harbormaster: 1.0.0 → 1.1.0 by kubectl-edit"
                    + " on eks-eu-1 (simulated cluster)", notice);

            scenario.harbormasterDeploy(kubectl, "1.2.0", "424242");
            scenario.pipelineDeploy(kubectl, "1.3.0", "CI pipeline 812");

            waitFor("the pipeline's notice", () -> scenario.notices().size() >= 2);
            assertEquals(List.of(notice, scenario.service + " (production) changed outside Harbormaster: 1.2.0 → 1.3.0"
                    + " by CI pipeline 812 on eks-eu-1 (simulated cluster)"), scenario.notices(),
                    "one notice per change made elsewhere, none for Harbormaster's own deploy of 1.2.0");
            assertEquals(List.of(scenario.image("1.1.0"), scenario.image("1.3.0")), externalRecords(scenario));
            assertFalse(second.leading(), "one Lease, one leader");
            assertTrue(second.watching().isEmpty(), "the replica that does not lead runs no informers");
        }
    }

    @Test
    void aReplicaThatLosesTheLeaseStopsItsInformersAndReportsTheChangeMadeMeanwhileWhenItLeadsAgain() throws Exception {
        WatchScenario scenario = new WatchScenario(catalogImport);
        WatcherReplica replica = watcher.running().orElseThrow();
        String apiServer = clusters.simulation().url();
        try (KubernetesClient kubectl = WatchScenario.clientOf(apiServer);
             KubernetesClient intruder = WatchScenario.clientOf(apiServer)) {
            scenario.seed(kubectl, "1.0.0");
            waitFor("the bot to watch " + scenario.watched, () -> watcher.watching().contains(scenario.watched));
            scenario.kubectlEdit(kubectl, "1.5.0");
            waitFor("the notice of 1.5.0", () -> !scenario.notices().isEmpty());

            AtomicBoolean holding = new AtomicBoolean(true);
            Thread holder = new Thread(() -> holdLease(intruder, holding));
            holder.start();
            try {
                waitFor("the bot to stop leading", () -> !replica.leading());
                assertTrue(replica.watching().isEmpty(), "informers stopped with the lead");
                scenario.kubectlEdit(kubectl, "2.0.0");
            } finally {
                holding.set(false);
                holder.join();
            }

            waitFor("the bot to lead and watch again", () -> watcher.watching().contains(scenario.watched));
            scenario.kubectlEdit(kubectl, "3.0.0");

            waitFor("the notice of 3.0.0", () -> scenario.notices().size() >= 3);
            assertEquals(List.of(
                    scenario.service + " (production) changed outside Harbormaster: 1.0.0 → 1.5.0"
                            + " by kubectl-edit on eks-eu-1 (simulated cluster)",
                    scenario.service + " (production) changed outside Harbormaster: 1.5.0 → 2.0.0"
                            + " by kubectl-edit on eks-eu-1 (simulated cluster)"
                            + " (made while Harbormaster was not watching; noticed when it resumed)",
                    scenario.service + " (production) changed outside Harbormaster: 2.0.0 → 3.0.0"
                            + " by kubectl-edit on eks-eu-1 (simulated cluster)"), scenario.notices(),
                    "the change made while another replica held the Lease is reported once, when watching resumes");
        }
    }

    /** Another holder renewing the Lease, as a replica that won it would. */
    private void holdLease(KubernetesClient client, AtomicBoolean holding) {
        while (holding.get()) {
            try {
                client.leases().inNamespace(settings.leaseNamespace()).withName(settings.leaseName()).edit(this::takeOver);
            } catch (KubernetesClientException conflict) {
                // the leader renewed in between; take it over on the next round
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private Lease takeOver(Lease lease) {
        ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
        lease.getSpec().setHolderIdentity("intruder");
        lease.getSpec().setRenewTime(now);
        lease.getSpec().setAcquireTime(now);
        lease.getSpec().setLeaseDurationSeconds((int) settings.leaseDuration().toSeconds());
        return lease;
    }

    private List<String> externalRecords(WatchScenario scenario) {
        return QuarkusTransaction.requiringNew().call(() -> records.list(
                        "service = ?1 and kind = ?2 order by generation", scenario.service, DeploymentRecord.Kind.EXTERNAL)
                .stream().map(record -> record.toImage).toList());
    }
}
