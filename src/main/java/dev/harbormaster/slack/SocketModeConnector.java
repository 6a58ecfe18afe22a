package dev.harbormaster.slack;

import com.slack.api.bolt.socket_mode.SocketModeApp;
import com.slack.api.socket_mode.SocketModeClient;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Duration;

/**
 * With {@code SLACK_APP_TOKEN} set, requests arrive over a Socket Mode WebSocket instead of
 * {@code /slack/events}; the same Bolt app, guard and listeners serve them. One connection per replica
 * (Slack allows ten per app). The connection is opened in the background and retried with backoff, so
 * a Slack hiccup at boot leaves the pod running and not ready (see {@link SlackReadinessCheck}) rather
 * than crash-looping.
 */
@ApplicationScoped
public class SocketModeConnector {

    private static final Logger LOG = Logger.getLogger(SocketModeConnector.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    @Inject
    SlackConnection connection;
    /** Sets up the Bolt app (its auth.test) in the background, for HTTP and Socket Mode alike. */
    @Inject
    BoltAppStarter appStarter;

    private volatile SocketModeApp socketModeApp;
    private volatile Thread connector;

    void start(@Observes StartupEvent startup) {
        if (!connection.socketMode()) {
            return;
        }
        connector = new Thread(this::connectWithBackoff, "socket-mode-connector");
        connector.setDaemon(true);
        connector.start();
    }

    private void connectWithBackoff() {
        Duration backoff = Duration.ofSeconds(1);
        while (socketModeApp == null && !Thread.currentThread().isInterrupted()) {
            try {
                SocketModeApp opened = new SocketModeApp(connection.appToken(), SocketModeClient.Backend.JavaWebSocket,
                        appStarter.within(backoff).orElseThrow(() -> new IllegalStateException("the Slack app is not set up yet")));
                opened.startAsync();
                socketModeApp = opened;
                LOG.info("Connected to Slack over Socket Mode");
            } catch (Exception e) {
                LOG.warnf("Could not open the Socket Mode connection (%s); retrying in %ss",
                        e.getClass().getSimpleName(), backoff.toSeconds());
                try {
                    Thread.sleep(backoff.toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                }
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            }
        }
    }

    void stop(@Observes ShutdownEvent shutdown) throws Exception {
        if (connector != null) {
            connector.interrupt();
        }
        if (socketModeApp != null) {
            // close, not stop: stop leaves the client's session monitor reconnecting after shutdown
            socketModeApp.close();
        }
    }

    public boolean connected() {
        SocketModeApp current = socketModeApp;
        return current != null && current.getClient() != null && current.getClient().verifyConnection();
    }
}
