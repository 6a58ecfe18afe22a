package dev.harbormaster.alert;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which service, environment and channel an alert gets, from its labels and the demo catalog. */
@QuarkusTest
class AlertRoutingTest {

    @Inject
    AlertRouting routing;

    private AlertRouting.Destination route(Map<String, String> labels) {
        return routing.route(new AlertNotification("{}:{}", "firing", "r", Map.of(), labels, Map.of(), null,
                List.of(new AlertNotification.Alert("firing", labels, Map.of(), Instant.now(), java.util.Optional.empty(), null, "f"))));
    }

    @Test
    void theFirstLabelNamingACatalogServiceWinsInTheConfiguredOrder() {
        AlertRouting.Destination both = route(Map.of("app", "search-api", "service", "payments-api"));
        assertEquals("payments-api", both.service());
        assertEquals("payments", both.route().channel());
        assertEquals("payments-api", route(Map.of("app.kubernetes.io/name", "payments-api")).service());
        assertEquals("payments-api", route(Map.of("backstage_io_kubernetes_id", "payments-api")).service());
        assertEquals("payments-ledger", route(Map.of("job", "payments-ledger")).service());
        assertEquals("search-api", route(Map.of("service", "no-such-thing", "app", "search-api")).service(),
                "an unknown value does not stop the next label");
    }

    @Test
    void aNamespaceAndClusterOfACatalogEnvironmentNameServiceAndEnvironment() {
        AlertRouting.Destination staging = route(Map.of("namespace", "payments-staging", "cluster", "eks-eu-staging"));
        assertEquals("payments-api", staging.service());
        assertEquals("staging", staging.environment());
        assertEquals("production", route(Map.of("service", "payments-api", "namespace", "payments", "cluster", "eks-eu-1")).environment());
        assertNull(route(Map.of("namespace", "payments-staging", "cluster", "elsewhere")).service());
        AlertRouting.Destination shared = route(Map.of("namespace", "payments", "cluster", "eks-eu-1"));
        assertNull(shared.service(), "payments-api and payments-ledger share the namespace");
        assertTrue(shared.hint().contains("`payments-ledger`"), shared.hint());
    }

    @Test
    void noKnownServiceGoesToThePlatformWithTheLabelToAdd() {
        AlertRouting.Destination none = route(Map.of("alertname", "Watchdog"));
        assertNull(none.service());
        assertEquals("platform", none.route().channel());
        assertTrue(none.hint().contains("Add a `service` label"), none.hint());
        assertTrue(route(Map.of("service", "<script>")).hint().contains("`&lt;script&gt;`"));
    }
}
