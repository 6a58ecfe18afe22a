package dev.harbormaster.alert;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An Alertmanager that is down or does not answer gives a clear message, within the timeout. */
class AlertmanagerClientTest {

    private static AlertmanagerClient client() {
        AlertmanagerClient client = new AlertmanagerClient();
        client.settings = Mockito.mock(AlertSettings.class);
        Mockito.when(client.settings.alertmanagerTimeout()).thenReturn(Duration.ofSeconds(1));
        client.json = new ObjectMapper();
        return client;
    }

    @Test
    void aSilentAlertmanagerIsReportedAfterTheTimeout() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Alertmanagers.Target target = new Alertmanagers.Target("eu-1", "http://127.0.0.1:" + silent.getLocalPort(), "secret-token", null, null);
            long began = System.nanoTime();
            AlertmanagerUnavailableException e = assertThrows(AlertmanagerUnavailableException.class, () -> client()
                    .createSilence(target, Map.of("service", "payments-api"), Instant.now(), Instant.now().plusSeconds(60), "alice", "x"));
            assertTrue(e.getMessage().contains("`eu-1` did not answer within 1 s; nothing was changed there"), e.getMessage());
            assertTrue(!e.getMessage().contains("secret-token"));
            assertTrue((System.nanoTime() - began) / 1_000_000 < 5_000);
        }
    }

    @Test
    void anAlertmanagerThatIsDownIsReportedAtOnce() throws Exception {
        int port;
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = closed.getLocalPort();
        }
        Alertmanagers.Target target = new Alertmanagers.Target("eu-1", "http://127.0.0.1:" + port, null, null, null);
        AlertmanagerUnavailableException e = assertThrows(AlertmanagerUnavailableException.class, () -> client().silences(target));
        assertTrue(e.getMessage().contains("`eu-1` cannot be reached"), e.getMessage());
    }
}
