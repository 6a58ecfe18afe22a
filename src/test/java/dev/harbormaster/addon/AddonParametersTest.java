package dev.harbormaster.addon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.harbormaster.catalog.CatalogImport;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static dev.harbormaster.addon.AddonSandbox.clickInView;
import static dev.harbormaster.addon.AddonSandbox.command;
import static dev.harbormaster.addon.AddonSandbox.submit;
import static dev.harbormaster.addon.AddonSandbox.views;
import static dev.harbormaster.testing.Await.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A plan whose parameters are nested objects, a oneOf and a list of objects (the stub broker's {@code shaped}
 * plan), asked for by command ({@code --param a.b=c}) and by form through the sandbox over real HTTP: what the
 * broker receives is the typed, nested document, and nothing the schema refuses ever reaches it. Staging needs no
 * approval.
 */
@QuarkusTest
@QuarkusTestResource(value = StubBrokerResource.class, restrictToAnnotatedClass = true)
class AddonParametersTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RULES = "[{\"name\":\"office\",\"startIPAddress\":\"10.0.0.1\",\"endIPAddress\":\"10.0.0.9\"}]";

    StubBroker stub;
    @Inject
    CatalogImport catalogImport;
    @Inject
    AddonInstanceRepository instances;

    @BeforeEach
    void setUp() throws Exception {
        AddonSandbox.reset();
        AddonSandbox.importDemo(catalogImport);
    }

    @Test
    void dottedParamsFromChatReachTheBrokerAsNestedTypedJson() throws Exception {
        String name = unique("nested");
        String answer = command("alice", "payments", "addon create stubdb shaped " + name
                + " --service payments-api --env staging --param location=westeurope --param backup.retentionDays=14"
                + " --param backup.window.startHour=3 --param network.publicAccess=true --param firewallRules='" + RULES + "'");
        assertTrue(answer.contains("Creating add-on `" + name + "`"), answer);

        AddonInstance ready = waitFor(name + " to be ready", () -> {
            AddonInstance row = find(name);
            return row != null && row.state == AddonState.READY ? row : null;
        });
        JsonNode sent = stub.calls("PUT", "/v2/service_instances/" + ready.id + "?").get(0).body().path("parameters");
        assertEquals(JSON.readTree("""
                {"location": "westeurope", "sslEnforcement": "enabled", "storage": 10,
                 "backup": {"retentionDays": 14, "geoRedundant": false, "window": {"startHour": 3}},
                 "network": {"publicAccess": true},
                 "firewallRules": [{"name": "office", "startIPAddress": "10.0.0.1", "endIPAddress": "10.0.0.9"}]}"""), sent);
    }

    @Test
    void whatTheSchemaRefusesIsExplainedByPathAndNeverSentToTheBroker() {
        int provisions = stub.calls("PUT", "/v2/service_instances/").size();
        String name = unique("refused");
        String base = "addon create stubdb shaped " + name + " --service payments-api --env staging --param location=eastus";

        String tooMany = command("alice", "payments", base + " --param backup.retentionDays=90"
                + " --param network.publicAccess=true --param network.subnetId=x");
        assertTrue(tooMany.contains("Parameter `backup.retentionDays`: must be at most 35"), tooMany);
        assertTrue(tooMany.contains("Parameter `network`: give only one of `network.subnetId` or `network.publicAccess`, not more"), tooMany);
        String none = command("alice", "payments", base + " --param backup.retentionDays=10");
        assertTrue(none.contains("Parameter `network`: give exactly one of `network.subnetId` or `network.publicAccess`"), none);
        String badRule = command("alice", "payments", base + " --param backup.retentionDays=10 --param network.publicAccess=no"
                + " --param firewallRules='" + RULES.replace("10.0.0.9", "ten") + "'");
        assertTrue(badRule.contains("Parameter `network.publicAccess`: must be true or false"), badRule);
        assertTrue(badRule.contains("Parameter `firewallRules[0].endIPAddress`: must match"), badRule);
        String typo = command("alice", "payments", base + " --param backup.retension=10 --param '<!channel>=1'");
        assertTrue(typo.contains("`backup` has no field `retension`. Did you mean `backup.retentionDays`?"), typo);
        assertTrue(typo.contains("&lt;!channel&gt;") && !typo.contains("<!channel>"), typo);

        assertEquals(provisions, stub.calls("PUT", "/v2/service_instances/").size(), "the broker was never asked");
        assertNull(find(name), "nothing was stored");
    }

    @Test
    void theFormShowsNestedFieldsAndAnswersWithTheSameCheckUnderTheRightField() throws Exception {
        assertNull(command("alice", "payments", "addon create"), "the form opens");
        String viewId = (String) views("alice").get(0).get("id");
        clickInView("alice", viewId, AddonCreateModal.PLAN_ACTION, "stubdb/shaped");
        Map<String, Object> form = waitFor("the plan's nested fields", () -> views("alice").stream()
                .filter(v -> String.valueOf(v.get("blocks")).contains("param:backup.retentionDays")).findFirst().orElse(null));
        String blocks = String.valueOf(form.get("blocks"));
        assertFalse(blocks.contains("takes no parameters"), blocks);
        assertTrue(blocks.contains("param:firewallRules") && blocks.contains("param:network.subnetId"), blocks);

        String name = unique("form");
        Map<String, Object> errors = submit("alice", (String) form.get("id"), Map.of("name", Map.of("value", name),
                "service", Map.of("value", "payments-api"), "env", Map.of("value", "staging"),
                "param:location", Map.of("value", "eastus"), "param:backup.retentionDays", Map.of("value", "10"),
                "param:firewallRules", Map.of("value", "[{\"name\": \"office\"}]"))).getMap("errors");
        assertEquals("Parameter network: give exactly one of network.subnetId or network.publicAccess",
                errors.get("param:network.subnetId"), errors.toString());
        assertTrue(String.valueOf(errors.get("param:firewallRules")).contains("Parameter firewallRules[0].startIPAddress: required"),
                errors.toString());
        assertNull(find(name));

        submit("alice", (String) form.get("id"), Map.of("name", Map.of("value", name),
                "service", Map.of("value", "payments-api"), "env", Map.of("value", "staging"),
                "param:location", Map.of("value", "eastus"), "param:backup.retentionDays", Map.of("value", "10"),
                "param:network.publicAccess", Map.of("value", "false"), "param:firewallRules", Map.of("value", RULES)));
        AddonInstance ready = waitFor(name + " to be ready", () -> {
            AddonInstance row = find(name);
            return row != null && row.state == AddonState.READY ? row : null;
        });
        JsonNode sent = stub.calls("PUT", "/v2/service_instances/" + ready.id + "?").get(0).body().path("parameters");
        assertEquals(JSON.readTree("{\"retentionDays\": 10, \"geoRedundant\": false}"), sent.path("backup"));
        assertEquals(JSON.readTree("{\"publicAccess\": false}"), sent.path("network"));
        assertEquals(JSON.readTree(RULES), sent.path("firewallRules"));
    }

    private AddonInstance find(String name) {
        return QuarkusTransaction.requiringNew().call(() -> instances.find("name", name).firstResult());
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 6);
    }
}
