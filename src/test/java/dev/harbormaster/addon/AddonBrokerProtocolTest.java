package dev.harbormaster.addon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.harbormaster.catalog.CatalogImport;
import dev.harbormaster.kubernetes.Clusters;
import dev.harbormaster.testing.SlackMarkup;
import io.fabric8.kubernetes.api.model.Secret;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import static dev.harbormaster.addon.AddonSandbox.command;
import static dev.harbormaster.addon.AddonSandbox.everything;
import static dev.harbormaster.testing.Await.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The OSB client against a broker that answers however the test needs (over real HTTP on loopback): the spec's
 * headers, synchronous and asynchronous provisioning, failures, timeouts, orphan mitigation, the polling limit,
 * polling picked up after a restart, and deletes ending in 410 Gone. Staging needs no approval.
 */
@QuarkusTest
@QuarkusTestResource(value = StubBrokerResource.class, restrictToAnnotatedClass = true)
class AddonBrokerProtocolTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** What the bot itself writes: the requester's mention and links to channels. */
    private static final Pattern BOTS_OWN_MARKUP = Pattern.compile("<@UALICE>|<#C[A-Z0-9]+>");

    StubBroker stub;
    @Inject
    CatalogImport catalogImport;
    @Inject
    AddonInstanceRepository instances;
    @Inject
    Clusters clusters;

    @BeforeEach
    void setUp() throws Exception {
        AddonSandbox.reset();
        AddonSandbox.importDemo(catalogImport);
    }

    @Test
    void aSynchronousBrokerIsCalledAsTheSpecSaysAndTheCredentialsLandOnlyInTheSecret() throws Exception {
        String name = unique("sync");
        String answer = create("instant", name);
        assertTrue(answer.contains("Creating add-on `" + name + "`"), answer);
        AddonInstance ready = waitForState(name, AddonState.READY);

        StubBroker.Call provision = stub.calls("PUT", "/v2/service_instances/" + ready.id + "?accepts_incomplete=true").get(0);
        assertEquals("2.17", provision.header("X-Broker-API-Version"));
        String identity = provision.header("X-Broker-API-Originating-Identity");
        assertTrue(identity.startsWith("harbormaster "), identity);
        assertEquals("UALICE", JSON.readTree(Base64.getDecoder().decode(identity.substring(13))).path("user_id").asText());
        UUID.fromString(provision.header("X-Broker-API-Request-Identity"));
        JsonNode context = provision.body().path("context");
        assertEquals("harbormaster", context.path("platform").asText());
        assertEquals("payments-api", context.path("service").asText());
        assertEquals("payments", context.path("team").asText());
        assertEquals("staging", context.path("environment").asText());
        assertEquals("plan-instant", provision.body().path("plan_id").asText());

        Secret secret = clusters.client("eks-eu-staging").secrets().inNamespace("payments-staging")
                .withName("addon-" + name).get();
        String password = new String(Base64.getDecoder().decode(secret.getData().get("password")), StandardCharsets.UTF_8);
        assertEquals(StubBroker.SECRET_PREFIX + ready.id, password);
        assertEquals("5432", new String(Base64.getDecoder().decode(secret.getData().get("port")), StandardCharsets.UTF_8));
        AddonSandbox.progress("payments", name, "Ready after");
        List<String> links = SlackMarkup.of("payments").tokens();
        assertTrue(links.contains("<https://dashboard.example.com/" + ready.id + "|Open the dashboard>"),
                "the dashboard is linked, in the bot's words: " + links);
        assertFalse(everything("payments").contains(StubBroker.SECRET_PREFIX), "no credential in Slack");
        assertFalse(everything("payments").contains(StubBroker.PASSWORD), "no broker password in Slack");
    }

    @Test
    void anAsynchronousProvisionIsPolledWithItsOperationUntilItSucceeds() {
        String name = unique("async");
        create("async", name);
        AddonInstance ready = waitForState(name, AddonState.READY);
        assertTrue(stub.calls("GET", ready.id + "/last_operation").size() >= 2, "polled more than once");
        assertTrue(stub.calls("GET", ready.id + "/last_operation").stream()
                .allMatch(c -> c.path().contains("operation=create-" + ready.id)), "each poll names the operation");
        assertEquals(1, stub.calls("PUT", ready.id + "/service_bindings/").size(), "bound once it was ready");
    }

    @Test
    void aBrokerErrorOrATimeoutFailsTheRequestAndTheBrokerIsAskedToCleanUp() {
        String broken = unique("broken");
        create("broken", broken);
        AddonInstance failed = waitForMitigation(broken);
        assertTrue(failed.detail.contains("the broker failed (HTTP 500): disk full"), failed.detail);
        assertEquals(1, stub.calls("DELETE", "/v2/service_instances/" + failed.id + "?").size(), "orphan mitigation");

        String slow = unique("slow");
        create("slow", slow);
        AddonInstance timedOut = waitForMitigation(slow);
        assertTrue(timedOut.detail.contains("did not answer within 1 s"), timedOut.detail);
        assertEquals(1, stub.calls("DELETE", "/v2/service_instances/" + timedOut.id + "?").size(), "orphan mitigation");
        AddonSandbox.progress("payments", slow, "Failed after");
    }

    @Test
    void aSuccessThatIsNotJsonIsAFailureAndTheCleanUpIsAskedUntilTheBrokerConfirms() {
        String garbled = unique("garbled");
        create("garbled", garbled);
        AddonInstance unreadable = waitFor("the garbled add-on cleaned up", () -> {
            AddonInstance row = find(garbled);
            return row.state == AddonState.FAILED && row.step == null ? row : null;
        });
        assertTrue(unreadable.detail.contains("answered HTTP 200 with a body that is not JSON"), unreadable.detail);
        assertEquals(1, stub.calls("DELETE", "/v2/service_instances/" + unreadable.id + "?").size(), "orphan mitigation");
        assertTrue(stub.calls("PUT", unreadable.id + "/service_bindings/").isEmpty(), "never bound");

        String stubborn = unique("stubborn");
        create("stubborn", stubborn);
        AddonInstance cleaned = waitFor("the broker to confirm the clean-up", () -> {
            AddonInstance row = find(stubborn);
            return row.state == AddonState.FAILED && row.step == null ? row : null;
        });
        assertEquals(3, stub.calls("DELETE", "/v2/service_instances/" + cleaned.id + "?").size(),
                "asked again after each 503 until it was accepted");
        assertTrue(cleaned.detail.contains("asked the broker to remove whatever it had started, and it did"), cleaned.detail);
    }

    @Test
    void conflictsAndUnprocessableRequestsAreExplainedInPlainWordsWithoutCleanUp() {
        String conflict = unique("conflict");
        create("conflict", conflict);
        AddonInstance refused = waitForState(conflict, AddonState.FAILED);
        assertTrue(refused.detail.contains("already has an add-on with this id but different settings (409 Conflict)"), refused.detail);

        String busy = unique("busy");
        create("busy", busy);
        AddonInstance concurrent = waitForState(busy, AddonState.FAILED);
        assertTrue(concurrent.detail.contains("still busy with another change to this add-on (ConcurrencyError)"), concurrent.detail);

        String outdated = unique("outdated");
        create("outdated", outdated);
        AddonInstance maintenance = waitForState(outdated, AddonState.FAILED);
        assertTrue(maintenance.detail.contains("(MaintenanceInfoConflict); run `/platform addons refresh` and ask again"),
                maintenance.detail);
        StubBroker.Call provision = stub.calls("PUT", maintenance.id + "?").get(0);
        assertEquals("1.0.0", provision.body().path("maintenance_info").path("version").asText());

        for (AddonInstance addon : new AddonInstance[]{refused, concurrent, maintenance}) {
            assertTrue(stub.calls("DELETE", addon.id).isEmpty(), "no orphan mitigation after a 4xx");
        }
        String status = command("alice", "payments", "addon status " + conflict);
        assertTrue(status.contains("is *failed*") && status.contains("409 Conflict"), status);
    }

    @Test
    void pollingStopsAtThePlansMaximumPollingDuration() {
        String name = unique("forever");
        create("forever", name);
        AddonInstance failed = waitForMitigation(name);
        assertTrue(failed.detail.contains("the broker did not finish creating it within 2 s"), failed.detail);
        assertEquals(1, stub.calls("DELETE", "/v2/service_instances/" + failed.id + "?").size(), "orphan mitigation");
    }

    @Test
    void pollingCarriesOnFromTheDatabaseAfterTheReplicaPollingItDied() {
        String name = unique("held");
        create("held", name);
        AddonInstance polling = waitFor("polling to start", () -> {
            AddonInstance row = find(name);
            return row.step == AddonStep.POLL_PROVISION && row.pollCount > 0 ? row : null;
        });
        assertEquals("create-" + polling.id, polling.operation, "the operation is kept in the database");
        // a replica claims the next poll and dies: its claim runs out, and another run carries on
        QuarkusTransaction.requiringNew().run(() -> instances.update(
                "claimToken = 'replica-that-died', claimedUntil = ?1 where id = ?2", Instant.now().plusSeconds(2), polling.id));
        stub.release(polling.id);
        AddonInstance ready = waitForState(name, AddonState.READY);
        assertNull(ready.claimToken);
        assertNotNull(clusters.client("eks-eu-staging").secrets().inNamespace("payments-staging").withName("addon-" + name).get());
    }

    @Test
    void deleteRevokesTheCredentialsDeletesTheSecretAndTakes410GoneAsDone() {
        String name = unique("gone");
        create("instant", name);
        AddonInstance ready = waitForState(name, AddonState.READY);
        String answer = command("alice", "payments", "addon delete " + name);
        assertTrue(answer.contains("Deleting add-on `" + name + "`"), answer);
        waitForState(name, AddonState.DELETED);
        assertEquals(1, stub.calls("DELETE", ready.id + "/service_bindings/" + ready.bindingId).size(), "unbound");
        assertEquals(1, stub.calls("DELETE", "/v2/service_instances/" + ready.id + "?").size(), "deprovisioned");
        assertFalse(stub.calls("GET", ready.id + "/last_operation?").stream().noneMatch(c -> c.path().contains("delete-")),
                "the delete was polled until 410 Gone");
        assertNull(clusters.client("eks-eu-staging").secrets().inNamespace("payments-staging").withName("addon-" + name).get());
        AddonSandbox.progress("payments", name, "Deleted after");
    }

    @Test
    void aBrokerCannotPingMentionOrDisguiseALinkInTheChannel() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < StubBroker.HOSTILE_URLS.size(); i++) {
            names.add(unique("hostile"));
            create("hostile", names.get(i));
        }
        String rude = unique("rude");
        create("rude", rude);
        names.add(rude);
        for (String name : names) {
            waitForState(name, AddonState.FAILED);
            AddonSandbox.progress("payments", name, "Failed after");
        }
        command("alice", "payments", "addon status " + names.get(0));
        command("alice", "payments", "addons");

        SlackMarkup shown = SlackMarkup.of("payments");
        List<String> live = shown.tokens().stream().filter(token -> !BOTS_OWN_MARKUP.matcher(token).matches()).toList();
        assertEquals(List.of(), live, "markup from the broker reached the channel");
        assertEquals(List.of(), shown.buttonUrls(), "no button links anywhere");
        assertTrue(shown.text().contains("&lt;!channel&gt;") && shown.text().contains("&lt;@U123&gt;"),
                "the broker's words are shown, inert:\n" + shown.text());
        assertTrue(shown.text().contains("`https://evil.example/login|Open your new database (SSO)` _(not linked"),
                "the disguised link is shown as an address, not linked:\n" + shown.text());
        assertTrue(shown.text().contains("`javascript:alert(1)` _(not linked"), shown.text());
    }

    private String create(String plan, String name) {
        return command("alice", "payments", "addon create stubdb " + plan + " " + name + " --service payments-api --env staging");
    }

    private AddonInstance find(String name) {
        return QuarkusTransaction.requiringNew().call(() -> instances.find("name", name).firstResult());
    }

    private AddonInstance waitForState(String name, AddonState state) {
        return waitFor(name + " to be " + state, () -> {
            AddonInstance row = find(name);
            return row != null && row.state == state && row.step == null ? row : null;
        });
    }

    /** Failed, and the orphan mitigation step has run. */
    private AddonInstance waitForMitigation(String name) {
        return waitForState(name, AddonState.FAILED);
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 6);
    }
}
