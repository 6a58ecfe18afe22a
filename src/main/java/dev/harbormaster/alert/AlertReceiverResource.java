package dev.harbormaster.alert;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Alertmanager's webhook. Checks the credentials, the size and the shape, stores the notification and answers at
 * once: routing and Slack happen afterwards ({@link AlertWorkers}). Answers carry a short reason, never a trace.
 */
@Path("/alerts/alertmanager")
public class AlertReceiverResource {

    private static final Logger LOG = Logger.getLogger(AlertReceiverResource.class);
    static final int MAX_BODY = 1024 * 1024;

    @Inject
    AlertCredentials credentials;
    @Inject
    AlertInbox inbox;
    @Inject
    MeterRegistry metrics;

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.TEXT_PLAIN)
    public Response receive(@HeaderParam("Authorization") String authorization, InputStream body) {
        if (!credentials.authorised(authorization)) {
            count("unauthorised");
            return Response.status(401).header("WWW-Authenticate", "Bearer").entity("Unauthorized: send the alerts token as a bearer token.\n").build();
        }
        String text;
        try {
            byte[] bytes = body.readNBytes(MAX_BODY + 1);
            if (bytes.length > MAX_BODY) {
                count("too_large");
                return Response.status(413).entity("The notification is larger than 1 MiB; lower max_alerts in the webhook config.\n").build();
            }
            text = new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return Response.status(400).entity("The body could not be read.\n").build();
        }
        AlertNotification notification;
        try {
            notification = AlertNotificationParser.parse(text);
        } catch (InvalidNotificationException e) {
            count("invalid");
            return Response.status(400).entity(e.getMessage() + "\n").build();
        } catch (RuntimeException e) {
            // Whatever else a hostile body triggers in the parser is still the body's fault, not ours.
            LOG.debugf("An alert notification could not be read: %s", e.getClass().getName());
            count("invalid");
            return Response.status(400).entity("The body could not be read as an Alertmanager notification.\n").build();
        }
        try {
            boolean stored = inbox.store(notification, text);
            count(stored ? "stored" : "duplicate");
            return Response.ok(stored ? "stored\n" : "already received\n").build();
        } catch (RuntimeException e) {
            // Alertmanager retries on 5xx: a 503 loses nothing while the database is away.
            LOG.warnf("Could not store an alert notification (%s); Alertmanager will retry", e.getClass().getName());
            count("unavailable");
            LOG.debug("Storing an alert notification failed", e);
            return Response.status(503).entity("Not stored, try again.\n").build();
        }
    }

    /** harbormaster_alerts_received_total{outcome}: a handful of fixed outcomes. */
    private void count(String outcome) {
        metrics.counter("harbormaster.alerts.received", "outcome", outcome).increment();
    }
}
