package dev.harbormaster.cost;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The OpenCost client against a loopback server replaying the recorded answer's shape, and against bad servers. */
class OpenCostClientTest {

    private static final LocalDate FROM = LocalDate.parse("2026-11-28");
    private static final LocalDate TO = LocalDate.parse("2026-12-01");
    private static OpenCostStub stub;

    @BeforeAll
    static void start() throws Exception {
        stub = new OpenCostStub();
    }

    @AfterAll
    static void stop() {
        stub.close();
    }

    private static OpenCostClient client() {
        return new OpenCostClient(stub.url(), Duration.ofSeconds(1), new ObjectMapper());
    }

    @Test
    void readsOneCostPerNamespaceAndDayAsAskedFor() throws Exception {
        stub.mode = OpenCostStub.Mode.FIXTURE;
        List<OpenCostClient.NamespaceCost> costs = client().dailyByNamespace(FROM, TO);

        assertTrue(stub.lastQuery.contains("aggregate=namespace") && stub.lastQuery.contains("step=1d"), stub.lastQuery);
        Map<String, Double> perDay = OpenCostStub.fixtureCosts();
        assertEquals(3 * perDay.size(), costs.size(), "three days × the fixture's namespaces");
        OpenCostClient.NamespaceCost kubeSystem = costs.stream()
                .filter(c -> c.day().equals(FROM) && "kube-system".equals(c.namespace())).findFirst().orElseThrow();
        assertEquals("default-cluster", kubeSystem.cluster());
        assertEquals(0, BigDecimal.valueOf(perDay.get("kube-system")).compareTo(kubeSystem.totalCost()));
    }

    @Test
    void aFailingServerGivesAClearError() {
        stub.mode = OpenCostStub.Mode.ERROR_500;
        assertEquals("OpenCost answered HTTP 500", failure().getMessage());
        stub.mode = OpenCostStub.Mode.GARBAGE;
        assertEquals("OpenCost answered something that is not JSON", failure().getMessage());
        stub.mode = OpenCostStub.Mode.OUTSIDE_WINDOW;
        assertTrue(failure().getMessage().contains("outside the window asked for"));
    }

    @Test
    void aServerThatHangsIsGivenUpOn() {
        stub.mode = OpenCostStub.Mode.HANG;
        assertEquals("OpenCost did not answer within 1 s", failure().getMessage());
    }

    @Test
    void nothingListeningIsUnreachable() {
        OpenCostClient nowhere = new OpenCostClient("http://127.0.0.1:1", Duration.ofSeconds(1), new ObjectMapper());
        OpenCostClient.OpenCostException e = assertThrows(OpenCostClient.OpenCostException.class, () -> nowhere.dailyByNamespace(FROM, TO));
        assertTrue(e.getMessage().startsWith("OpenCost cannot be reached"), e.getMessage());
    }

    private static OpenCostClient.OpenCostException failure() {
        return assertThrows(OpenCostClient.OpenCostException.class, () -> client().dailyByNamespace(FROM, TO));
    }
}
