package dev.harbormaster.slack;

import com.slack.api.bolt.App;
import com.slack.api.bolt.socket_mode.SocketModeApp;
import com.slack.api.socket_mode.SocketModeClient;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/**
 * With {@code SLACK_APP_TOKEN} set, requests arrive over a Socket Mode WebSocket instead of
 * {@code /slack/events}; the same Bolt app, guard and listeners serve them. One connection per replica
 * (Slack allows ten per app).
 */
@ApplicationScoped
public class SocketModeConnector {

    private static final Logger LOG = Logger.getLogger(SocketModeConnector.class);

    @Inject
    SlackConnection connection;
    /** Resolved only in Socket Mode: building the app calls auth.test, which needs Slack up. */
    @Inject
    Instance<App> app;

    private SocketModeApp socketModeApp;

    void start(@Observes StartupEvent startup) throws Exception {
        if (!connection.socketMode()) {
            return;
        }
        socketModeApp = new SocketModeApp(connection.appToken(), SocketModeClient.Backend.JavaWebSocket, app.get());
        socketModeApp.startAsync();
        LOG.info("Connected to Slack over Socket Mode");
    }

    void stop(@Observes ShutdownEvent shutdown) throws Exception {
        if (socketModeApp != null) {
            socketModeApp.stop();
        }
    }

    public boolean connected() {
        return socketModeApp != null && socketModeApp.getClient() != null && socketModeApp.getClient().verifyConnection();
    }
}
