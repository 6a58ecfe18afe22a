package dev.harbormaster.alert;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The recorded webhook payloads, read as the receiver reads them. */
class AlertNotificationParserTest {

    @Test
    void versionFourFiringAndResolvedAreOneGroupWhoseAlertsKeepTheirFingerprints() {
        AlertNotification firing = AlertNotificationParser.parse(AlertFixtures.read("webhook-v4-firing.json"));
        AlertNotification resolved = AlertNotificationParser.parse(AlertFixtures.read("webhook-v4-resolved.json"));
        assertEquals(firing.groupKey(), resolved.groupKey());
        assertEquals("firing", firing.status());
        assertEquals("resolved", resolved.status());
        assertEquals(3, firing.alerts().size());
        assertEquals("83eb2c81e0da3faf", firing.alerts().get(0).fingerprint());
        assertTrue(firing.alerts().get(0).endsAt().isEmpty(), "0001-01-01 means not ended");
        assertTrue(resolved.alerts().get(0).endsAt().isPresent());
        assertEquals(Instant.parse("2021-03-30T12:17:50.814674209Z"), firing.alerts().get(0).startsAt());
        assertNotEquals(AlertInbox.dedupeKey(firing), AlertInbox.dedupeKey(resolved));
        assertEquals(AlertInbox.dedupeKey(firing), AlertInbox.dedupeKey(
                AlertNotificationParser.parse(AlertFixtures.read("webhook-v4-firing.json"))), "the same notification twice");
    }

    @Test
    void anOlderSenderWithoutFingerprintGetsPrometheusFingerprintOfTheLabels() {
        AlertNotification single = AlertNotificationParser.parse(AlertFixtures.read("webhook-v4-firing-single.json"));
        assertEquals("{}:{alertname=\"Test\", job=\"prometheus24\"}", single.groupKey());
        assertEquals(16, single.alerts().get(0).fingerprint().length());
        assertEquals("http://example.com:9090/graph?g0.expr=go_memstats_alloc_bytes+%3E+0&g0.tab=1",
                single.alerts().get(0).generatorUrl(), "trailing spaces trimmed");
        // Prometheus' fingerprint of {} is the FNV-1a offset basis; one label changes it.
        assertEquals("cbf29ce484222325", AlertNotificationParser.fingerprint(Map.of()));
    }

    @Test
    void theKubePrometheusFormWithoutVersionOrGroupKeyIsReadToo() {
        AlertNotification kube = AlertNotificationParser.parse(AlertFixtures.read("webhook-kube-prometheus-no-version.json"));
        assertEquals("{}:{alertname=\"KubeContainerWaiting\", namespace=\"t1\"}", kube.groupKey());
        assertEquals("838279128e4c0505", kube.alerts().get(0).fingerprint());
        assertTrue(kube.annotation("runbook_url").orElseThrow().startsWith("https://github.com/kubernetes-monitoring"));
        assertEquals("http://alertmanager-main-1:9093", kube.externalUrl());
    }

    @Test
    void whatIsWrongIsNamed() {
        assertEquals("Field `alerts` is missing or empty; a notification carries at least one alert.",
                assertThrows(InvalidNotificationException.class, () -> AlertNotificationParser.parse("{\"status\":\"firing\"}")).getMessage());
        assertTrue(assertThrows(InvalidNotificationException.class, () -> AlertNotificationParser.parse("{\"status\":"))
                .getMessage().startsWith("The body is not valid JSON"));
        assertTrue(assertThrows(InvalidNotificationException.class, () -> AlertNotificationParser.parse(
                "{\"status\":\"firing\",\"alerts\":[{\"labels\":{}}]}")).getMessage().contains("alerts[0].startsAt"));
        assertTrue(assertThrows(InvalidNotificationException.class, () -> AlertNotificationParser.parse(
                "{\"status\":\"firing\",\"version\":\"3\",\"alerts\":[]}")).getMessage().contains("version"));
        assertTrue(assertThrows(InvalidNotificationException.class, () -> AlertNotificationParser.parse(
                "{\"status\":\"burning\",\"alerts\":[]}")).getMessage().contains("`status` is `burning`"));
    }
}
