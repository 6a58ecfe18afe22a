package dev.harbormaster.cost;

import dev.harbormaster.catalog.CatalogImport;
import dev.harbormaster.testing.DemoCatalog;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code cost} and {@code budget} as people type them in the sandbox, on the demo team payments. */
@QuarkusTest
class CostCommandsTest {

    @Inject
    CatalogImport catalogImport;
    @Inject
    CostStore store;
    @Inject
    EntityManager entityManager;

    @BeforeEach
    void paymentsWithCost() throws Exception {
        DemoCatalog.restore(catalogImport, "users.yaml", "teams.yaml", "payments-api.yaml");
        RestAssured.given().contentType("application/json").body("{}").post("/sandbox/reset").then().statusCode(200);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        DailyCosts costs = new DailyCosts();
        // Last 30 days: 120 + 30 = 150 USD for payments-api; the 30 days before: 100 USD; and 7 EUR nobody converts.
        costs.add(today.minusDays(1), List.of("payments-api"), "USD", new BigDecimal("120"), new BigDecimal("120"));
        costs.add(today.minusDays(10), List.of("payments-api"), "USD", new BigDecimal("30"), new BigDecimal("30"));
        costs.add(today.minusDays(40), List.of("payments-api"), "USD", new BigDecimal("100"), new BigDecimal("100"));
        costs.add(today.minusDays(2), List.of("payments-api"), "EUR", new BigDecimal("7"), new BigDecimal("7"));
        QuarkusTransaction.requiringNew().run(() -> {
            store.replace("test:commands", null, costs);
            entityManager.createNativeQuery("delete from cost_budget where team = 'payments'").executeUpdate();
        });
    }

    @Test
    void costOfATeamComparesWithThePeriodBeforeAndNamesMissingSources() {
        String answer = command("alice", "cost payments");
        assertTrue(answer.contains("Cost of team `payments`"), answer);
        assertTrue(answer.contains("*Total:* 150.00 USD (previous 30 days: 100.00 USD, +50.0 %)"), answer);
        assertTrue(answer.contains("`payments-api` 150.00 USD (was 100.00 USD, +50.0 %)"), answer);
        assertTrue(answer.contains("Also 7.00 EUR in this period in EUR, not converted"), answer);
        assertTrue(answer.contains("OpenCost: not configured"), answer);
        assertTrue(answer.contains("no budget set"), answer);

        String week = command("alice", "cost payments-api --window 7d");
        assertTrue(week.contains("Cost of `payments-api`") && week.contains("last 7 days"), week);
        assertTrue(week.contains("*Total:* 120.00 USD"), week);
    }

    @Test
    void anUnknownNameOrWindowGetsAHint() {
        String typo = command("alice", "cost paymnts");
        assertTrue(typo.contains("No service or team named `paymnts`") && typo.contains("Did you mean `payments"), typo);
        String window = command("alice", "cost payments --window forever");
        assertTrue(window.contains("`--window` takes whole days or weeks"), window);
    }

    @Test
    void aPlatformAdminSetsABudgetOthersAreRefusedAndBadValuesExplained() {
        String refused = command("alice", "budget payments 5000 --currency EUR");
        assertFalse(refused.contains("now has a budget"), refused);
        assertTrue(command("alice", "budget payments").contains("has no budget"));

        assertTrue(command("carol", "budget payments 12.345").contains("at most 2 decimals"));
        assertTrue(command("carol", "budget payments 0").contains("more than 0"));
        assertTrue(command("carol", "budget payments 100 --currency XYZ").contains("not an ISO 4217 code"));
        assertTrue(command("carol", "budget payments 100 --period week").contains("only `--period month` is"));
        assertTrue(command("carol", "budget paymnts 100").contains("Did you mean `payments`"));

        String set = command("carol", "budget payments 5000 --currency eur");
        assertTrue(set.contains("now has a budget of 5,000.00 EUR per month"), set);
        assertTrue(command("alice", "budget payments").contains("has a budget of 5,000.00 EUR per month"));
        // The budget's currency is the report's: the EUR line now counts, USD goes to the notes.
        String cost = command("alice", "cost payments");
        assertTrue(cost.contains("*Total:* 7.00 EUR") && cost.contains("Also 150.00 USD"), cost);
        long audited = QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager.createNativeQuery(
                "select count(*) from audit_entry where target = 'team:payments' and details::text like '%5000%'")
                .getSingleResult()).longValue());
        assertTrue(audited > 0, "the change is in the audit trail");
    }

    /** The answer {@code user} got for the command, from the sandbox's record of the channel. */
    private static String command(String user, String text) {
        RestAssured.given().contentType("application/json")
                .body(Map.of("user", user, "channel", "payments", "text", text))
                .post("/sandbox/command").then().statusCode(200);
        List<Map<String, Object>> messages = RestAssured.get("/sandbox/messages?channel=payments&user=" + user).jsonPath()
                .<Map<String, Object>>getList("").stream().filter(m -> m.get("ephemeral_to") != null).toList();
        assertFalse(messages.isEmpty(), "no answer to " + text);
        Map<String, Object> last = messages.get(messages.size() - 1);
        return last.get("text") + "\n" + last.get("blocks");
    }
}
