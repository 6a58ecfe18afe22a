package dev.harbormaster.deployment;

import dev.harbormaster.catalog.CatalogImport;
import dev.harbormaster.testing.Await;
import dev.harbormaster.kubernetes.Clusters;
import dev.harbormaster.kubernetes.RolloutSimulator;
import dev.harbormaster.kubernetes.SimulatedWorkloads;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static dev.harbormaster.deployment.DeploymentSandbox.ack;
import static dev.harbormaster.deployment.DeploymentSandbox.click;
import static dev.harbormaster.deployment.DeploymentSandbox.deployment;
import static dev.harbormaster.deployment.DeploymentSandbox.find;
import static dev.harbormaster.deployment.DeploymentSandbox.image;
import static dev.harbormaster.deployment.DeploymentSandbox.message;
import static dev.harbormaster.deployment.DeploymentSandbox.requestId;
import static dev.harbormaster.deployment.DeploymentSandbox.rollOut;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Deployments as people live them in the sandbox, against the simulated cluster: alice asks in #payments, bob
 * approves production changes, the rollout message in #payments follows the Deployment to its end.
 */
@QuarkusTest
class DeploymentCommandsTest {

    private static final String REPO = "ghcr.io/example/payments-api";

    @Inject
    CatalogImport catalogImport;
    @Inject
    Clusters clusters;
    @Inject
    SimulatedWorkloads workloads;
    @Inject
    RolloutSimulator simulator;
    @Inject
    RolloutTracker tracker;
    @Inject
    DeploymentRecords records;

    @BeforeEach
    void setUp() throws Exception {
        DeploymentSandbox.freshPaymentsApi(catalogImport, clusters, workloads);
    }

    /** Asks as alice, approves as bob in #payments (the owning team's channel), returns the request id. */
    private long askAndApprove(String command) {
        String asked = ack("alice", "payments", command);
        assertTrue(asked.contains("is waiting for approval in #payments"), asked);
        long id = requestId(asked);
        Map<String, Object> request = message("payments", null, "#" + id, "approval.approve");
        click("bob", "payments", (String) request.get("ts"), "approval.approve", Long.toString(id));
        return id;
    }

    @Test
    void aliceDeploysToProductionBobApprovesAndTheRolloutMessageAdvancesToSuccess() {
        askAndApprove("deploy payments-api 1.4.2 --env production");

        Map<String, Object> done = rollOut(simulator, tracker, "the rollout to succeed", () ->
                find("payments", null, "Rollout succeeded", "deploy `payments-api` `1.4.2` to `production`"));
        assertTrue(String.valueOf(done.get("text")).contains("3/3 updated, 3/3 ready"), String.valueOf(done.get("text")));
        assertEquals(Boolean.TRUE, done.get("edited"), "the first message is edited in place");
        Deployment deployment = deployment(clusters, "payments");
        assertEquals(REPO + ":1.4.2", image(deployment));
        Map<String, String> annotations = deployment.getMetadata().getAnnotations();
        assertEquals("UALICE", annotations.get(WorkloadAnnotations.CHANGED_BY));
        assertEquals("harbormaster: deploy 1.4.2 by UALICE", annotations.get(WorkloadAnnotations.CHANGE_CAUSE));
        DeploymentRecord record = records.recent("payments-api", "production", 1).get(0);
        assertEquals(Long.toString(record.id), annotations.get(WorkloadAnnotations.CHANGE_ID));
        assertEquals(DeploymentRecord.Result.SUCCEEDED, record.result);
        assertEquals(REPO + ":1.0.0", record.fromImage);
        message("dm-alice", "alice", "is done", "Started to deploy", "(simulated cluster)");
    }

    @Test
    void aBrokenVersionFailsAtTheDeadlineAndItsRollbackButtonRestoresThePreviousImage() {
        askAndApprove("deploy payments-api 1.5.0-broken --env production");
        rollOut(simulator, tracker, "the broken pod to be reported in the thread", () ->
                find("payments", null, "ImagePullBackOff", "payments-api-"));
        assertEquals(3, deployment(clusters, "payments").getStatus().getReadyReplicas(), "the old pods keep serving");

        simulator.tick(Instant.now().plusSeconds(600));
        Map<String, Object> failed = rollOut(simulator, tracker, "the rollout to fail", () ->
                find("payments", null, "Rollout failed", RolloutMessage.ROLLBACK_ACTION));
        assertTrue(String.valueOf(failed.get("blocks")).contains("progress deadline exceeded"), String.valueOf(failed.get("blocks")));
        String failedText = String.valueOf(failed.get("text"));
        assertTrue(failedText.contains("updated, 0/3 ready, 3 pods of the previous version still running"), failedText);

        String recordId = String.valueOf(records.recent("payments-api", "production", 1).get(0).id);
        click("alice", "payments", (String) failed.get("ts"), RolloutMessage.ROLLBACK_ACTION, recordId);
        long deployRequest = requestId(String.valueOf(message("payments", "alice", "is waiting for approval").get("text")));
        Map<String, Object> pending = Await.waitFor("alice's answer to her click", () -> DeploymentSandbox.messages("payments", "alice")
                .stream().filter(m -> String.valueOf(m.get("text")).contains("is waiting for approval"))
                .filter(m -> requestId(String.valueOf(m.get("text"))) != deployRequest).findFirst().orElse(null));
        long rollbackRequest = requestId(String.valueOf(pending.get("text")));
        Map<String, Object> request = message("payments", null, "#" + rollbackRequest, "approval.approve", "Roll back");
        click("bob", "payments", (String) request.get("ts"), "approval.approve", Long.toString(rollbackRequest));

        rollOut(simulator, tracker, "the rollback to succeed", () ->
                find("payments", null, "Rollout succeeded", "roll back `payments-api` in `production` to revision 1"));
        Deployment restored = deployment(clusters, "payments");
        assertEquals(REPO + ":1.0.0", image(restored));
        assertEquals(3, restored.getStatus().getReadyReplicas());
        assertEquals(DeploymentRecord.Kind.ROLLBACK, records.recent("payments-api", "production", 1).get(0).kind);
    }

    @Test
    void overlappingDeploysAreEachReportedForWhatHappenedToTheirOwnRevision() {
        String first = ack("alice", "payments", "deploy payments-api 1.5.0-broken --env staging");
        assertTrue(first.contains("Started to deploy"), first);
        rollOut(simulator, tracker, "the broken pod of the first deploy to be reported", () ->
                find("payments", null, "ImagePullBackOff"));
        ack("alice", "payments", "deploy payments-api 1.5.1-crash --env staging");
        ack("bob", "payments", "deploy payments-api 1.5.2 --env staging");
        Map<String, Object> good = rollOut(simulator, tracker, "the last deploy to succeed", () ->
                find("payments", null, "Rollout succeeded", "`1.5.2`"));

        List<DeploymentRecord> newestFirst = records.recent("payments-api", "staging", 3);
        assertEquals(List.of(DeploymentRecord.Result.SUCCEEDED, DeploymentRecord.Result.SUPERSEDED, DeploymentRecord.Result.SUPERSEDED),
                newestFirst.stream().map(r -> r.result).toList(), "each record says what happened to its own revision");
        Map<String, Object> broken = message("payments", null, "*Superseded*: deploy `payments-api` `1.5.0-broken`");
        assertTrue(String.valueOf(broken.get("blocks")).contains("Superseded by deploy `1.5.1-crash` from <@UALICE>"),
                String.valueOf(broken.get("blocks")));
        Map<String, Object> crashing = message("payments", null, "*Superseded*: deploy `payments-api` `1.5.1-crash`");
        assertTrue(String.valueOf(crashing.get("blocks")).contains("Superseded by deploy `1.5.2` from <@UBOB>"),
                String.valueOf(crashing.get("blocks")));
        assertFalse(DeploymentSandbox.messages("payments", null).stream()
                .anyMatch(m -> String.valueOf(m.get("text")).contains("Rollout succeeded") && !m.equals(good)),
                "only the last deploy succeeded");
        List<String> goodThread = DeploymentSandbox.messages("payments", null).stream()
                .filter(m -> good.get("ts").equals(m.get("thread_ts"))).map(m -> String.valueOf(m.get("text"))).toList();
        assertTrue(goodThread.stream().noneMatch(text -> text.contains("BackOff")),
                "the earlier rollouts' trouble stays in their own threads: " + goodThread);
    }

    @Test
    void aFailedRolloutStopsOfferingARollbackOnceANewerChangeRan() {
        ack("alice", "payments", "deploy payments-api 1.6.0-broken --env staging");
        rollOut(simulator, tracker, "the broken pod to be reported", () -> find("payments", null, "ImagePullBackOff", "1.6.0-broken"));
        simulator.tick(Instant.now().plusSeconds(600));
        Map<String, Object> failed = rollOut(simulator, tracker, "the rollout to fail", () ->
                find("payments", null, "Rollout failed", "`1.6.0-broken`", RolloutMessage.ROLLBACK_ACTION));

        ack("alice", "payments", "rollback payments-api --env staging");
        Map<String, Object> withdrawn = Await.waitFor("the Rollback button to go", () -> DeploymentSandbox.messages("payments", null)
                .stream().filter(m -> failed.get("ts").equals(m.get("ts"))).findFirst()
                .filter(m -> !String.valueOf(m.get("blocks")).contains(RolloutMessage.ROLLBACK_ACTION)).orElse(null));
        assertTrue(String.valueOf(withdrawn.get("blocks")).contains("A newer change followed: rollback to `1.0.0` from <@UALICE>"),
                String.valueOf(withdrawn.get("blocks")));
        assertTrue(String.valueOf(withdrawn.get("text")).contains("Rollout failed"), "the outcome stays");
    }

    @Test
    void scaleStaysWithinTheCatalogAndNeverToZeroInProduction() {
        String tooMany = ack("alice", "payments", "scale payments-api 50 --env production");
        assertTrue(tooMany.contains("at most 10 replicas"), tooMany);
        String zero = ack("alice", "payments", "scale payments-api 0 --env production");
        assertTrue(zero.contains("to 0 is not done from chat"), zero);
        String tooFew = ack("alice", "payments", "scale payments-api 1 --env production");
        assertTrue(tooFew.contains("at least 3 replicas") && tooFew.contains("Ask for 3 or more."), tooFew);
        assertFalse(tooFew.contains("or 0"), "0 is refused in production, so it is not offered: " + tooFew);
        assertEquals(3, deployment(clusters, "payments").getSpec().getReplicas(), "production unchanged");

        String staging = ack("alice", "payments", "scale payments-api 2 --env staging");
        assertTrue(staging.contains("Started to scale `payments-api` in `staging` from 1 to 2 replicas"), staging);
        assertTrue(staging.contains("(simulated cluster)"), staging);
        rollOut(simulator, tracker, "the staging scale to finish", () ->
                find("payments", null, "Rollout succeeded", "from 1 to 2 replicas"));
        assertEquals(2, deployment(clusters, "payments-staging").getStatus().getReadyReplicas());
    }

    @Test
    void restartStatusAndHistoryTellWhatRunsAndWhoChangedIt() {
        String restarted = ack("alice", "payments", "restart payments-api --env staging");
        assertTrue(restarted.contains("Started to restart `payments-api` in `staging`"), restarted);
        assertTrue(deployment(clusters, "payments-staging").getSpec().getTemplate().getMetadata().getAnnotations()
                .containsKey(WorkloadAnnotations.RESTARTED_AT));
        rollOut(simulator, tracker, "the restart to finish", () -> find("payments", null, "Rollout succeeded", "restart `payments-api`"));

        String status = ack("bob", "payments", "status payments-api");
        assertTrue(status.contains("*production*") && status.contains("*staging*"), status);
        assertTrue(status.contains("*Version* `1.0.0`"), status);
        assertTrue(status.contains("restart by <@UALICE>"), status);
        assertTrue(status.contains("(simulated cluster)"), status);

        String history = ack("bob", "payments", "history payments-api --env staging");
        assertTrue(history.contains("*2* (current)"), history);
        assertTrue(history.contains("restart by <@UALICE>"), history);
        assertTrue(history.contains("*1* · `" + REPO + ":1.0.0`"), history);
        assertTrue(history.contains("Roll back with `/platform rollback payments-api --env staging --to &lt;revision&gt;`."),
                history);
    }

    @Test
    void mistakesGetClearAnswersAndChangeNothing() {
        assertTrue(ack("alice", "payments", "deploy paymnts-api 1.4.2 --env staging").contains("No service named `paymnts-api`"));
        String env = ack("alice", "payments", "deploy payments-api 1.4.2 --env prod");
        assertTrue(env.contains("has no environment `prod`; it has `staging`, `production`"), env);
        String noEnv = ack("alice", "payments", "deploy payments-api 1.4.2");
        assertTrue(noEnv.contains("Say which environment"), noEnv);
        String tag = ack("alice", "payments", "deploy payments-api ../latest --env staging");
        assertTrue(tag.contains("is not a version I can deploy"), tag);
        String replicas = ack("alice", "payments", "scale payments-api many --env staging");
        assertTrue(replicas.toLowerCase().contains("number"), replicas);
        String revision = ack("alice", "payments", "rollback payments-api --env staging --to 7");
        assertTrue(revision.contains("has no revision 7"), revision);

        assertEquals(REPO + ":1.0.0", image(deployment(clusters, "payments-staging")));
        assertEquals(1, deployment(clusters, "payments-staging").getSpec().getReplicas());
        assertTrue(records.recent("payments-api", "staging", 10).stream().allMatch(r -> r.result != DeploymentRecord.Result.IN_PROGRESS));
    }
}
