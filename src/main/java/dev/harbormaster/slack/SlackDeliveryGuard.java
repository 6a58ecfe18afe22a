package dev.harbormaster.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.slack.api.bolt.middleware.Middleware;
import com.slack.api.bolt.middleware.MiddlewareChain;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.RequestType;
import com.slack.api.bolt.response.Response;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/**
 * Bolt middleware in front of every listener, for HTTP and Socket Mode alike: refuses workspaces
 * outside the allow-list, and acknowledges repeat deliveries (Slack retries, replays, a second replica)
 * without running their side effects again.
 */
@ApplicationScoped
public class SlackDeliveryGuard implements Middleware {

    private static final Logger LOG = Logger.getLogger(SlackDeliveryGuard.class);

    @Inject
    SlackConnection connection;
    @Inject
    SlackDeliveryLog deliveries;
    @Inject
    MeterRegistry metrics;
    @Inject
    ObjectMapper json;

    @Override
    public Response apply(Request req, Response resp, MiddlewareChain chain) throws Exception {
        RequestType type = req.getRequestType();
        if (!connection.teamAllowed(req.getContext().getTeamId(), req.getContext().getEnterpriseId())) {
            metrics.counter("harbormaster.slack.rejected", "reason", "team_not_allowed").increment();
            LOG.warnf("Refused a %s from workspace %s: not in the allow-list", type, req.getContext().getTeamId());
            if (type == RequestType.Command) {
                return Response.json(200, new SlashCommandText("ephemeral",
                        "Harbormaster is not enabled for this workspace. Ask your platform team to allow it."));
            }
            return Response.builder().statusCode(403).contentType("text/plain").body("workspace not allowed").build();
        }
        String key = deliveryKey(req);
        if (key != null && !deliveries.firstDelivery(key)) {
            metrics.counter("harbormaster.slack.duplicates", "kind", type.name()).increment();
            LOG.debugf("Acknowledged a repeat delivery of a %s without running it again", type);
            return Response.ok();
        }
        return chain.next(req);
    }

    /**
     * Events keep their event_id across Slack's retries. Anything else over HTTP is keyed by its
     * signature, unique per request and valid for five minutes. URL verification and SSL checks have no
     * side effects and are always answered; Socket Mode envelopes other than events carry no stable key.
     */
    private String deliveryKey(Request<?> req) {
        RequestType type = req.getRequestType();
        if (type == RequestType.UrlVerification || type == RequestType.SSLCheck) {
            return null;
        }
        if (type == RequestType.Event) {
            try {
                JsonNode eventId = json.readTree(req.getRequestBodyAsString()).path("event_id");
                if (eventId.isTextual()) {
                    return "event:" + eventId.asText();
                }
            } catch (Exception e) {
                LOG.debug("An event without a readable event_id", e);
            }
        }
        String signature = req.getHeaders() == null ? null : req.getHeaders().getFirstValue("x-slack-signature");
        return signature == null ? null : "sig:" + signature;
    }

    record SlashCommandText(String response_type, String text) {
    }
}
