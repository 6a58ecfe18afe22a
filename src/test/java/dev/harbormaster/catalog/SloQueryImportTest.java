package dev.harbormaster.catalog;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How an SLO's Prometheus query is written in a descriptor, refused when it could not be sent, and stored. */
class SloQueryImportTest {

    private static BackstageFile read(String sloFields) {
        String yaml = """
                apiVersion: backstage.io/v1alpha1
                kind: Component
                metadata:
                  name: shop
                spec:
                  type: service
                  lifecycle: production
                  owner: team-a
                  harbormaster:
                    slos:
                      - name: availability
                        objective: 99.9
                        window: 30d
                %s
                """.formatted(sloFields.indent(8).stripTrailing());
        return new BackstageImporter().read("shop.yaml", yaml);
    }

    private static Slo onlySlo(BackstageFile file) {
        assertTrue(file.valid(), String.valueOf(file.problems()));
        return ((BackstageEntity.ComponentEntity) file.entities().get(0)).slos().get(0);
    }

    @Test
    void aQueryWithTheWindowPlaceholderIsKeptAndGetsEachWindowInTurn() {
        Slo slo = onlySlo(read("query: 'sum(rate(ok[$window])) / sum(rate(all[$window]))'"));
        assertEquals("sum(rate(ok[1h])) / sum(rate(all[1h]))", slo.goodRatioQuery("1h"));
        assertNull(slo.goodRatioQuery("1h) or vector(1"), "only a duration goes into the query");
    }

    @Test
    void aRecordingRuleGetsTheWindowAppendedBeforeItsSelector() {
        Slo slo = onlySlo(read("recordingRule: 'slo:sli_error:ratio_rate{sloth_slo=\"availability\"}'"));
        assertEquals("1 - (slo:sli_error:ratio_rate5m{sloth_slo=\"availability\"})", slo.goodRatioQuery("5m"));
    }

    @Test
    void mistakesInTheQueryAreReportedLikeOtherCatalogProblems() {
        assertProblem(read("query: 'rate(x[$range])'"), "unknown placeholder \"$range\"");
        assertProblem(read("query: 'rate(x[5m])'"), "must measure over [$window]");
        assertProblem(read("query: '  '"), "query is empty");
        assertProblem(read("query: 'rate(x[$window])'\nrecordingRule: 'slo:sli_error:ratio_rate'"), "not both");
        assertProblem(read("recordingRule: 'up or vector(1)'"), "is not a metric name");
    }

    @Test
    void aMeasuredSloNeedsAWindowPrometheusUnderstands() {
        BackstageFile file = new BackstageImporter().read("shop.yaml", """
                apiVersion: backstage.io/v1alpha1
                kind: Component
                metadata:
                  name: shop
                spec:
                  type: service
                  lifecycle: production
                  owner: team-a
                  harbormaster:
                    slos:
                      - name: availability
                        objective: 99.9
                        window: a month
                        query: 'rate(x[$window])'
                """);
        assertProblem(file, "window must be a Prometheus duration");
    }

    @Test
    void slosStoredBeforeQueriesExistedStillLoadAsNotMeasured() {
        List<Slo> old = new JsonColumns.Slos().convertToEntityAttribute(
                "[{\"name\":\"availability\",\"objective\":99.9,\"window\":\"30d\",\"indicator\":\"non-5xx\"}]");
        assertEquals("availability", old.get(0).name());
        assertFalse(old.get(0).measured());
        Slo measured = new Slo("latency", 99, "30d", null, "rate(x[$window])", null);
        JsonColumns.Slos column = new JsonColumns.Slos();
        assertEquals(List.of(measured), column.convertToEntityAttribute(column.convertToDatabaseColumn(List.of(measured))));
    }

    private static void assertProblem(BackstageFile file, String expected) {
        assertFalse(file.valid(), "refused");
        assertTrue(file.problems().stream().anyMatch(p -> p.contains("spec.harbormaster.slos[0]") && p.contains(expected)),
                expected + " in " + file.problems());
    }
}
