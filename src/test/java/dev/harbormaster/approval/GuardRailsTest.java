package dev.harbormaster.approval;

import dev.harbormaster.catalog.Catalog;
import dev.harbormaster.catalog.CatalogImport;
import dev.harbormaster.catalog.ImportReport;
import dev.harbormaster.catalog.Service;
import dev.harbormaster.testing.CatalogYaml;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.harbormaster.approval.ApprovalSandbox.click;
import static dev.harbormaster.approval.ApprovalSandbox.command;
import static dev.harbormaster.approval.ApprovalSandbox.messageContaining;
import static dev.harbormaster.approval.ApprovalSandbox.requestId;
import static dev.harbormaster.approval.ApprovalSandbox.requestMessage;
import static dev.harbormaster.approval.ApprovalSandbox.submit;
import static dev.harbormaster.testing.Await.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The guard rails of issue 10, tried from outside through the sandbox as the people involved would: the edit form
 * cannot change what policies protect without approval, a renamed or re-pointed environment keeps its policies,
 * only a service's own team (and the platform admins) may ask for changes to it, and an approval request whose
 * channel is gone still reaches approvers who are mentioned by name.
 */
@QuarkusTest
class GuardRailsTest {

    @Inject
    CatalogImport catalogImport;
    @Inject
    Catalog catalog;
    @Inject
    EntityManager entityManager;

    private String prefix;
    private String service;
    private String owners;
    private String others;

    @BeforeEach
    void setUp() {
        ApprovalSandbox.reset();
        prefix = "g" + UUID.randomUUID().toString().substring(0, 6);
        service = prefix + "-api";
        owners = prefix + "-owners";
        others = prefix + "-others";
        importYaml(CatalogYaml.people(prefix, "alice", "bob", "dave")
                + CatalogYaml.team(owners, "payments", prefix + "-alice", prefix + "-bob")
                + "---\n" + CatalogYaml.team(others, prefix + "-nowhere", prefix + "-dave"));
        importYaml(component(service, owners, 1, "production", prefix + "-prod"));
    }

    private void importYaml(String yaml) {
        ImportReport report = catalogImport.importYaml("system", prefix + ".yaml", yaml);
        assertTrue(report.imported(), report.problems().toString());
    }

    /** A service on the simulated clusters with a staging and one more environment, named and placed as given. */
    private static String component(String name, String owner, int tier, String secondEnvironment, String secondNamespace) {
        return """
                apiVersion: backstage.io/v1alpha1
                kind: Component
                metadata:
                  name: %1$s
                  annotations: {harbormaster.dev/tier: "%3$d", harbormaster.dev/image: ghcr.io/example/%1$s}
                spec:
                  type: service
                  lifecycle: production
                  owner: %2$s
                  harbormaster:
                    environments:
                      - {name: staging, cluster: eks-eu-staging, namespace: %1$s-staging, replicas: {min: 1, max: 3}}
                      - {name: %4$s, cluster: eks-eu-1, namespace: %5$s, replicas: {min: 2, max: 6}}
                """.formatted(name, owner, tier, secondEnvironment, secondNamespace);
    }

    private Service stored() {
        return QuarkusTransaction.requiringNew().call(() -> catalog.service(service).orElseThrow());
    }

    private String openEditForm(String user) {
        assertNull(command(user, "payments", "service edit " + service).getString("ack.text"), "the form opens");
        return waitFor("the edit form of " + service, () -> views(user).stream()
                .filter(v -> String.valueOf(v.get("blocks")).contains(service)).map(v -> (String) v.get("id"))
                .findFirst().orElse(null));
    }

    private static List<Map<String, Object>> views(String user) {
        return RestAssured.get("/sandbox/views?user=" + user).jsonPath().getList("");
    }

    private List<String> auditActions() {
        @SuppressWarnings("unchecked")
        List<String> actions = QuarkusTransaction.requiringNew().call(() -> entityManager.createNativeQuery(
                        "select action from audit_entry where target = ?1 order by id")
                .setParameter(1, "service:" + service).getResultList());
        return actions;
    }

    @Test
    void theEditFormAsksApprovalForATierChangeAndBobAndAPlatformEngineerDecide() {
        String viewId = openEditForm("alice");
        JsonPath submitted = submit("alice", viewId, Map.of("tier", Map.of("value", "4"),
                "description", Map.of("value", "Card payments"), "reason", Map.of("value", "it is not critical any more")));
        assertEquals(Map.of(), submitted.getMap("errors"), "the form is accepted");
        Map<String, Object> confirmation = messageContaining("payments", "alice", "Tier, lifecycle and environments");
        String text = String.valueOf(confirmation.get("text"));
        assertTrue(text.contains("Saved the description of `" + service + "`"), text);
        long id = requestId(text);
        assertEquals(1, stored().tier, "the tier waits for the approvers");
        assertEquals("Card payments", stored().description, "the description needed nobody");

        String stillDenied = command("alice", "payments", "service delete " + service + " --reason test").getString("ack.text");
        assertTrue(stillDenied.contains("Tier-1 services are not deleted from chat"), stillDenied);

        Map<String, Object> request = requestMessage("platform-approvals", id, "approval.approve");
        String blocks = String.valueOf(request.get("blocks"));
        assertTrue(blocks.contains("Change `" + service + "`: tier `1` → `4`"), blocks);
        assertTrue(blocks.contains("*Asking* <@UBOB> <@UCAROL>"), "the approvers are mentioned, not the requester: " + blocks);
        click("bob", "platform-approvals", (String) request.get("ts"), ApprovalRequestMessage.APPROVE_ACTION, Long.toString(id));
        assertEquals(1, stored().tier, "one owner is not enough: catalog-changes also wants a platform engineer");
        click("carol", "platform-approvals", (String) request.get("ts"), ApprovalRequestMessage.APPROVE_ACTION, Long.toString(id));
        waitFor("the tier change to run and be recorded", () -> auditActions().contains("approval.executed") ? true : null);
        assertEquals(4, stored().tier);
        assertTrue(auditActions().containsAll(List.of("catalog.edited", "approval.requested", "approval.voted",
                "approval.approved", "catalog.settings_changed")), auditActions().toString());
    }

    @Test
    void theEditFormHandsTheServiceOverOnlyThroughServiceTransferAndBothTeamsHear() {
        String viewId = openEditForm("alice");
        assertEquals(Map.of(), submit("alice", viewId, Map.of("owner", Map.of("value", others))).getMap("errors"));
        String text = String.valueOf(messageContaining("payments", "alice", "*Owner:*").get("text"));
        long id = requestId(text);
        assertEquals(owners, stored().ownerTeam, "the owner waits for the approvers");
        Map<String, Object> request = requestMessage("platform-approvals", id, "approval.approve");
        assertTrue(String.valueOf(request.get("blocks")).contains("Transfer `" + service + "`"), String.valueOf(request.get("blocks")));
        click("bob", "platform-approvals", (String) request.get("ts"), ApprovalRequestMessage.APPROVE_ACTION, Long.toString(id));
        waitFor("the transfer to run", () -> others.equals(stored().ownerTeam) ? true : null);
        waitFor("the transfer to be recorded", () -> auditActions().contains("catalog.transferred") ? true : null);
        messageContaining("payments", null, "now belongs to `" + others + "`");
        // the new owners' channel does not exist in the sandbox: their notice lands in the platform channel
        messageContaining("platform", null, "now belongs to `" + others + "`");
        assertTrue(auditActions().contains("catalog.transferred"), auditActions().toString());
    }

    @Test
    void theOwnersHearWhenSomeoneOutsideTheTeamEditsTheirService() {
        String viewId = openEditForm("carol");
        assertEquals(Map.of(), submit("carol", viewId, Map.of("runbook", Map.of("value", "https://runbooks.example.com/x")))
                .getMap("errors"));
        messageContaining("payments", null, "<@UCAROL>, who is not in `" + owners + "`, changed runbook URL of `" + service + "`");
        assertTrue(auditActions().contains("catalog.edited"), auditActions().toString());
        assertEquals("https://runbooks.example.com/x", stored().runbookUrl);
    }

    @Test
    void davesFormCannotTouchAnotherTeamsServiceAndNothingIsSaved() {
        JsonPath refused = command("dave", "payments", "service edit " + service);
        assertTrue(refused.getString("ack.text").contains("Only members of `" + owners + "`"), refused.getString("ack.text"));
    }

    @Test
    void renamingProductionDoesNotLetADeployEscapeProductionChanges() {
        String renamed = component(service, owners, 1, "production", prefix + "-prod").replace("name: production", "name: prod");
        ImportReport refused = catalogImport.importYaml("system", prefix + "-renamed.yaml", renamed);
        assertFalse(refused.imported(), "`prod` is not an environment of the platform");

        // renamed to a name the platform has, in the same namespace: still production's workload
        String staged = component(service, owners, 1, "development", prefix + "-prod");
        importYaml(staged);
        String deploy = command("alice", "payments", "deploy " + service + " 6.6.6 --env development").getString("ack.text");
        assertTrue(deploy.contains("is waiting for approval"), "its namespace was production's: " + deploy);
        assertTrue(deploy.contains("*production-changes*"), deploy);
        String scaleToZero = command("alice", "payments", "scale " + service + " 0 --env development").getString("ack.text");
        assertTrue(scaleToZero.contains("is not done from chat"), scaleToZero);
        String check = command("alice", "payments", "policy check deploy " + service + " 6.6.6 --env development").getString("ack.text");
        assertTrue(check.contains("production-changes"), check);
    }

    @Test
    void pointingStagingAtProductionsNamespaceKeepsProductionsPolicies() {
        String repointed = component(service, owners, 1, "production", prefix + "-prod")
                .replace("cluster: eks-eu-staging, namespace: " + service + "-staging", "cluster: eks-eu-1, namespace: " + prefix + "-prod");
        importYaml(repointed);
        String deploy = command("alice", "payments", "deploy " + service + " 6.6.6 --env staging").getString("ack.text");
        assertTrue(deploy.contains("is waiting for approval") && deploy.contains("production-changes"), deploy);
    }

    @Test
    void daveIsToldHeMayNotDeployAnotherTeamsServiceAndNothingIsAsked() {
        long before = requestCount();
        String deploy = command("dave", "payments", "deploy " + service + " 1.2.3 --env staging").getString("ack.text");
        assertTrue(deploy.startsWith(":no_entry: You may not ask for this: Deploy `" + service + "`"), deploy);
        assertTrue(deploy.contains("Only owners (team `" + owners + "`) or team `platform` may"), deploy);
        String restart = command("dave", "payments", "restart " + service + " --env production").getString("ack.text");
        assertTrue(restart.startsWith(":no_entry: You may not ask for this"), restart);
        assertEquals(before, requestCount(), "no request was made");
        assertTrue(auditActions().contains("approval.not_allowed"), auditActions().toString());

        String check = command("dave", "payments", "policy check deploy " + service + " 1.2.3 --env staging").getString("ack.text");
        assertTrue(check.contains("*Who may ask:* owners (team `" + owners + "`) or team `platform`"), check);
        assertTrue(check.contains("*not you*"), check);
        String aliceCheck = command("alice", "payments", "policy check deploy " + service + " 1.2.3 --env staging").getString("ack.text");
        assertTrue(aliceCheck.contains("that includes you"), aliceCheck);
    }

    @Test
    void aRequestForATeamWhoseChannelIsGoneGoesToTheApprovalsChannelAndTheRequesterIsToldWhere() {
        String lonely = prefix + "-lonely";
        importYaml(component(lonely, others, 2, "production", prefix + "-lonely"));
        importYaml(CatalogYaml.team(others, prefix + "-nowhere", prefix + "-dave", prefix + "-bob"));
        String asked = command("dave", "payments", "deploy " + lonely + " 2.0.0 --env production").getString("ack.text");
        long id = requestId(asked);
        Map<String, Object> request = requestMessage("platform-approvals", id, "approval.approve");
        String blocks = String.valueOf(request.get("blocks"));
        assertTrue(blocks.contains("Posted here because #" + prefix + "-nowhere could not take it"), blocks);
        assertTrue(blocks.contains("*Asking* <@UBOB>"), blocks);
        Map<String, Object> told = messageContaining("dm-dave", "dave", "could not be posted in #" + prefix + "-nowhere");
        assertTrue(String.valueOf(told.get("text")).contains("waiting for approval in <#"), String.valueOf(told.get("text")));
        click("bob", "platform-approvals", (String) request.get("ts"), ApprovalRequestMessage.APPROVE_ACTION, Long.toString(id));
        requestMessage("platform-approvals", id, "Posted here because");
    }

    @Test
    void policyCheckAloneListsThePoliciesThatWereLoaded() {
        String listed = command("bob", "payments", "policy check").getString("ack.text");
        for (String name : List.of("addon-changes", "catalog-changes", "ownership-changes", "production-changes", "service-deletion")) {
            assertTrue(listed.contains("*" + name + "*"), listed);
        }
        assertTrue(listed.contains("approval policies loaded.* Where no policy says who may ask, only the owning team or "
                + "team `platform` may ask"), listed);
    }

    private long requestCount() {
        return QuarkusTransaction.requiringNew().call(() ->
                ((Number) entityManager.createNativeQuery("select count(*) from approval_request").getSingleResult()).longValue());
    }

}
