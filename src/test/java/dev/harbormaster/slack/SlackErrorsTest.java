package dev.harbormaster.slack;

import dev.harbormaster.approval.ActionTarget;
import dev.harbormaster.approval.ApprovalEngine;
import dev.harbormaster.approval.CountingRestartAction;
import dev.harbormaster.approval.SubmitResult;
import io.quarkus.test.InjectMock;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.anyMap;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.when;

/** Errors are counted by a fixed place; which request or command failed is in the log line only. */
@QuarkusTest
class SlackErrorsTest {

    private static final String PLACE = "harbormaster_errors_total{where=\"running an approved request\"}";

    @Inject
    ApprovalEngine engine;
    /** The tests' gated action, made to fail when it runs (break-glass runs it at once, through the engine). */
    @InjectMock
    CountingRestartAction restart;

    @Test
    void errorsInSeveralApprovalRequestsShareOneLabelValue() {
        when(restart.name()).thenReturn("test restart");
        when(restart.target(anyMap())).thenReturn(new ActionTarget("payments-api", "payments", "production", 1));
        when(restart.describe(anyMap())).thenReturn("Restart `payments-api` in production");
        when(restart.execute(anyMap(), anyString())).thenThrow(new IllegalStateException("the cluster is on fire"));
        double before = ScrapedMetrics.value(PLACE);

        try (CapturedLog log = CapturedLog.of(SlackErrors.class)) {
            for (int i = 0; i < 3; i++) {
                SubmitResult result = engine.submit("test restart", Map.of("service", "payments-api"), "UALICE", null,
                        "error label test " + i);
                assertTrue(assertInstanceOf(SubmitResult.Refused.class, result).message().contains("error id"), result.toString());
            }
            List<String> logged = log.warnings().stream().filter(line -> line.contains("running an approved request")).toList();
            assertEquals(3, logged.size(), log.warnings().toString());
            assertEquals(3, logged.stream().map(line -> line.replaceAll(".*\\(request #(\\d+)\\).*", "$1")).distinct()
                    .filter(id -> id.matches("\\d+")).count(), "each log line names its request: " + logged);
        }

        assertEquals(before + 3, ScrapedMetrics.value(PLACE));
        List<String> labelled = ScrapedMetrics.lines("harbormaster_errors_total{");
        assertTrue(labelled.stream().noneMatch(line -> line.matches(".*where=\"[^\"]*\\d[^\"]*\".*")),
                "no where label carries a number: " + labelled);
    }
}
