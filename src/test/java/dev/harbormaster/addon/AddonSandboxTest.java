package dev.harbormaster.addon;

import dev.harbormaster.catalog.CatalogImport;
import dev.harbormaster.kubernetes.Clusters;
import io.fabric8.kubernetes.api.model.Secret;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static dev.harbormaster.addon.AddonSandbox.approveAsBob;
import static dev.harbormaster.addon.AddonSandbox.clickInView;
import static dev.harbormaster.addon.AddonSandbox.command;
import static dev.harbormaster.addon.AddonSandbox.everything;
import static dev.harbormaster.addon.AddonSandbox.messageContaining;
import static dev.harbormaster.addon.AddonSandbox.requestId;
import static dev.harbormaster.addon.AddonSandbox.submit;
import static dev.harbormaster.addon.AddonSandbox.views;
import static dev.harbormaster.testing.Await.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The add-on demo as people live it in the sandbox, against the reference broker over HTTP, the embedded
 * PostgreSQL and the simulated cluster: ask, approve, watch the progress, find the Secret, delete it all again.
 */
@QuarkusTest
class AddonSandboxTest {

    @Inject
    CatalogImport catalogImport;
    @Inject
    Clusters clusters;
    @Inject
    DataSource dataSource;
    @Inject
    AddonInstanceRepository instances;

    @BeforeEach
    void setUp() throws Exception {
        AddonSandbox.reset();
        AddonSandbox.importDemo(catalogImport);
    }

    @Test
    void aliceGetsADatabaseForPaymentsApiInProductionAfterBobApprovesAndDeletesItAgain() throws Exception {
        String asked = command("alice", "payments",
                "addon create postgresql small orders-db --service payments-api --env production");
        assertTrue(asked.contains("is waiting for approval in #platform-approvals"), asked);
        assertTrue(asked.contains("1 from owners (team `payments`)"), asked);
        approveAsBob(requestId(asked));

        Map<String, Object> ready = AddonSandbox.progress("payments", "orders-db", "Ready after");
        String progress = String.valueOf(ready.get("text"));
        assertTrue(progress.contains("`orders-db` (postgresql small) for `payments-api` in `production`"), progress);
        assertTrue(progress.contains("Secret `addon-orders-db` in namespace `payments`"), progress);
        assertTrue(progress.contains("(simulated cluster)"), progress);
        assertEquals(Boolean.TRUE, ready.get("edited"), "the progress message is edited in place, not reposted");

        Secret secret = clusters.client("eks-eu-1").secrets().inNamespace("payments").withName("addon-orders-db").get();
        assertNotNull(secret, "the Secret is in the service's namespace");
        assertEquals("harbormaster", secret.getMetadata().getLabels().get("app.kubernetes.io/managed-by"));
        assertEquals("orders-db", secret.getMetadata().getLabels().get("harbormaster.dev/addon"));
        String database = decode(secret, "database");
        String password = decode(secret, "password");
        String uri = decode(secret, "uri");
        assertTrue(databaseExists(database), "the reference broker made a real database " + database);
        assertTrue(canLogIn(database, decode(secret, "username"), password), "the credentials in the Secret work");

        String status = command("alice", "payments", "addon status orders-db");
        assertTrue(status.contains("*orders-db* is *ready*"), status);
        assertTrue(status.contains("Secret `addon-orders-db` in namespace `payments`"), status);
        for (String channel : List.of("payments", "platform-approvals", "dm-alice", "dm-bob")) {
            String shown = everything(channel);
            assertFalse(shown.contains(password) || shown.contains(uri), "credentials leaked into " + channel);
        }

        String notTheirs = command("dave", "payments", "addon delete orders-db");
        assertTrue(notTheirs.startsWith(":no_entry: You may not ask for this: Delete add-on `orders-db`"), notTheirs);
        String deleting = command("alice", "payments", "addon delete orders-db");
        assertTrue(deleting.contains("is waiting for approval in #platform-approvals"), deleting);
        approveAsBob(requestId(deleting));
        Map<String, Object> deleted = AddonSandbox.progress("payments", "orders-db", "Deleted after");
        assertTrue(String.valueOf(deleted.get("text")).contains("Secret `addon-orders-db`"), String.valueOf(deleted.get("text")));
        assertFalse(databaseExists(database), "the database is dropped");
        assertNull(clusters.client("eks-eu-1").secrets().inNamespace("payments").withName("addon-orders-db").get());
        String gone = command("alice", "payments", "addon status orders-db");
        assertTrue(gone.startsWith("No add-on `orders-db`"), gone);
        assertEquals(AddonState.DELETED, QuarkusTransaction.requiringNew().call(() ->
                instances.find("name", "orders-db").firstResult().state));
    }

    @Test
    void wrongRequestsAreExplainedAndNothingIsStored() {
        long before = count();
        assertAnswer("addon create postgress small x1 --service payments-api --env staging",
                "No add-on offering `postgress`. Did you mean `postgresql`?");
        assertAnswer("addon create postgresql smal x1 --service payments-api --env staging",
                "`postgresql` has no plan `smal`. Did you mean `small`?");
        assertAnswer("addon create postgresql small Orders_DB --service payments-api --env staging",
                "`Orders_DB` cannot name an add-on");
        assertAnswer("addon create postgresql small x1 --service payments-apy --env staging",
                "No service `payments-apy` in the catalog. Did you mean `payments-api`?");
        assertAnswer("addon create postgresql small x1 --service payments-api --env prod",
                "`payments-api` has no environment `prod`; it has `staging`, `production`");
        assertAnswer("addon create postgresql small x1 --service payments-api --env staging --param connection_limit=500",
                "Parameter `connection_limit`:");
        assertAnswer("addon create postgresql small x1 --service payments-api --env staging --param conection_limit=5",
                "Did you mean `connection_limit`?");
        assertAnswer("addon create postgresql small x1 --service payments-api --env staging --param connection_limit",
                "Write each parameter as `--param path=value`");
        assertEquals(before, count(), "no add-on was stored");
        assertTrue(AddonSandbox.messages("platform-approvals", null).isEmpty(), "nobody was asked to approve anything");
    }

    @Test
    void theFormShowsThePlansParametersChecksThemInlineAndRequestsTheAddOn() throws Exception {
        assertNull(command("alice", "payments", "addon create"), "the form opens instead of an answer");
        String viewId = (String) views("alice").get(0).get("id");
        clickInView("alice", viewId, AddonCreateModal.PLAN_ACTION, "postgresql/small");
        Map<String, Object> form = waitFor("the plan's fields", () -> views("alice").stream()
                .filter(v -> String.valueOf(v.get("blocks")).contains("param:connection_limit")).findFirst().orElse(null));

        Map<String, Object> wrong = submit("alice", (String) form.get("id"), Map.of("name", Map.of("value", "Form DB"),
                "service", Map.of("value", "payments-api"), "env", Map.of("value", "staging"),
                "param:connection_limit", Map.of("value", "500"))).getMap("errors");
        assertTrue(String.valueOf(wrong.get("name")).contains("cannot name an add-on"), wrong.toString());
        assertTrue(wrong.containsKey("param:connection_limit"), wrong.toString());

        submit("alice", (String) form.get("id"), Map.of("name", Map.of("value", "form-db"),
                "service", Map.of("value", "payments-api"), "env", Map.of("value", "staging"),
                "param:connection_limit", Map.of("value", "5")));
        messageContaining("payments", "Creating add-on `form-db`");
        AddonSandbox.progress("payments", "form-db", "Ready after");
        assertNotNull(clusters.client("eks-eu-staging").secrets().inNamespace("payments-staging").withName("addon-form-db").get());

        String deleting = command("alice", "payments", "addon delete form-db");
        assertTrue(deleting.contains("Deleting add-on `form-db`"), deleting);
        AddonSandbox.progress("payments", "form-db", "Deleted after");
        assertNull(clusters.client("eks-eu-staging").secrets().inNamespace("payments-staging").withName("addon-form-db").get());
    }

    private void assertAnswer(String line, String expected) {
        String answer = command("alice", "payments", line);
        assertTrue(answer != null && answer.contains(expected), "for `" + line + "` expected\n  " + expected + "\ngot\n  " + answer);
    }

    private long count() {
        return QuarkusTransaction.requiringNew().call(() -> instances.count());
    }

    private static String decode(Secret secret, String key) {
        return new String(Base64.getDecoder().decode(secret.getData().get(key)), StandardCharsets.UTF_8);
    }

    private boolean databaseExists(String name) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            query.setString(1, name);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next();
            }
        }
    }

    private boolean canLogIn(String database, String user, String password) throws SQLException {
        String url;
        try (Connection connection = dataSource.getConnection()) {
            url = connection.getMetaData().getURL().replaceFirst("/[^/?]*(\\?|$)", "/" + database + "$1");
        }
        try (Connection login = java.sql.DriverManager.getConnection(url, user, password);
             ResultSet rows = login.createStatement().executeQuery("SELECT current_database()")) {
            return rows.next() && rows.getString(1).equals(database);
        }
    }
}
