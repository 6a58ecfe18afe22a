package dev.harbormaster.audit;

import dev.harbormaster.catalog.CatalogImport;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code /platform audit} and {@code /platform audit verify} typed in the sandbox, read as the user sees them. */
@QuarkusTest
class AuditCommandsTest {

    @Inject
    AuditTrail auditTrail;
    @Inject
    CatalogImport catalogImport;
    @Inject
    DataSource dataSource;

    private String service;

    @BeforeEach
    void importAServiceAndReset() {
        given().post("/sandbox/reset").then().statusCode(200);
        service = "audit-cmd-" + UUID.randomUUID().toString().substring(0, 8);
        assertTrue(catalogImport.importYaml("UCAROL", "audit-test.yaml", """
                apiVersion: backstage.io/v1alpha1
                kind: Component
                metadata:
                  name: %s
                spec: {type: service, lifecycle: production, owner: group:payments}
                """.formatted(service)).imported());
    }

    /** Types the command as alice in #payments and returns what she sees. */
    private static JsonPath type(String text) {
        given().contentType("application/json")
                .body(Map.of("user", "alice", "channel", "payments", "text", text))
                .post("/sandbox/command").then().statusCode(200).body("status", org.hamcrest.Matchers.equalTo(200));
        JsonPath messages = given().get("/sandbox/messages?channel=payments").then().statusCode(200).extract().jsonPath();
        given().post("/sandbox/reset").then().statusCode(200);
        return messages;
    }

    private static String shown(JsonPath messages) {
        assertEquals(1, messages.getList("").size(), messages.prettify());
        assertEquals("alice", messages.getString("[0].ephemeral_to"));
        return messages.getString("[0].text") + "\n" + messages.getString("[0].blocks");
    }

    @Test
    void aServicesAuditShowsWhoDidWhatNewestFirstIncludingTheImportThatNamedIt() {
        auditTrail.record("UALICE", "approval.requested", "approval:" + service, Map.of("service", service, "env", "production"));
        auditTrail.record("UBOB", "approval.voted", "approval:" + service, Map.of("service", service, "vote", "approve"));
        auditTrail.record("UBOB", "approval.voted", "approval:unrelated", Map.of("vote", "reject"));

        String shown = shown(type("audit " + service));
        assertTrue(shown.contains("Audit log about `" + service + "`: 3 entries, newest first"), shown);
        int voted = shown.indexOf("<@UBOB> · *approval.voted* approval:" + service + " — service: " + service + ", vote: approve");
        int requested = shown.indexOf("<@UALICE> · *approval.requested* approval:" + service);
        int imported = shown.indexOf("<@UCAROL> · *catalog.imported* catalog — ");
        assertTrue(voted > 0 && requested > voted && imported > requested, shown);
        assertFalse(shown.contains("approval:unrelated"), shown);
        assertTrue(shown.contains("<!date^"), shown);
    }

    @Test
    void aRequestsParametersReadAsTypedNotAsJson() {
        auditTrail.record("UALICE", "approval.requested", "approval:" + service,
                Map.of("action", "deploy", "parameters", Map.of("service", service, "env", "staging", "version", "1.4.2")));
        String shown = shown(type("audit " + service + " --limit 1"));
        assertTrue(shown.contains("action: deploy, parameters: env=staging service=" + service + " version=1.4.2"), shown);
        assertFalse(shown.contains("parameters: {") || shown.contains("\"env\""), shown);
    }

    @Test
    void theLimitCutsTheListAndOutOfRangeSaysWhatToType() {
        String shown = shown(type("audit " + service + " --limit 1"));
        assertTrue(shown.contains("1 entry, newest first") && shown.contains("catalog.imported"), shown);
        assertTrue(shown.contains("Older entries: `/platform audit " + service + " --limit 200`"), shown);

        String refused = shown(type("audit --limit 500"));
        assertTrue(refused.startsWith("`--limit` must be between 1 and 200, not 500. For example `/platform audit --limit 200`"),
                refused);
    }

    @Test
    void aMisspelledServiceGetsTheClosestNames() {
        String shown = shown(type("audit " + service + "x"));
        assertTrue(shown.startsWith("No service named `" + service + "x` in the catalog, and no audit entries about it."
                + " Did you mean `" + service + "`"), shown);
    }

    @Test
    void verifySaysTheChainIsIntactThenNamesTheEntryThatWasAltered() throws SQLException {
        String intact = shown(type("audit verify"));
        assertTrue(intact.matches("(?s):white_check_mark: The audit chain of \\d+ entries is intact: no entry was changed or deleted\\..*"),
                intact);

        auditTrail.record("UALICE", "approval.executed", AuditTrail.serviceTarget(service), Map.of("replicas", 3));
        long id = auditTrail.latestConcerning(service, 1).get(0).id();
        try (AuditTampering ignored = AuditTampering.tamper(dataSource, id,
                "UPDATE audit_entry SET details = '{\"replicas\": 30}' WHERE id = ?")) {
            String alarm = shown(type("audit verify"));
            assertTrue(alarm.startsWith(":rotating_light: The audit log was tampered with: entry #" + id
                    + " was altered after it was written: its content no longer matches its hash. Entries #1 to #"
                    + (id - 1) + " before it are intact."), alarm);
        }
        assertTrue(shown(type("audit verify")).startsWith(":white_check_mark:"));
    }

    @Test
    void theWholeLogIsNewestFirstForEveryone() {
        auditTrail.record("system", "approval.expired", "approval:" + service, Map.of());
        String shown = shown(type("audit --limit 2"));
        assertTrue(shown.contains("Audit log: 2 entries, newest first"), shown);
        assertTrue(shown.contains("_system_ · *approval.expired* approval:" + service), shown);
        assertTrue(shown.indexOf("approval:" + service) < shown.indexOf("catalog.imported"), shown);
    }
}
