package dev.harbormaster.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.slack.api.bolt.middleware.Middleware;
import com.slack.api.bolt.middleware.MiddlewareChain;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.RequestType;
import com.slack.api.bolt.response.Response;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.util.Optional;

/**
 * Bolt middleware in front of every listener, for HTTP and Socket Mode alike: refuses workspaces and
 * organisations outside the allow-list, and acknowledges repeat deliveries (Slack retries, replays, a second
 * replica) without running their side effects again.
 *
 * <p>Bolt runs it after its own authorization step, which has replaced the request context's team and
 * enterprise with the bot's own; so the allow-list reads the ids from the body as Slack sent it
 * ({@link SlackOrigin}). A refused request runs no listener. Its answer gives nothing away and provokes no
 * retry: a slash command gets an ephemeral line (HTTP 200, so Slack shows it to the person); everything else an
 * empty 200. A 403 would make Slack retry events, count them towards switching the subscription off, and over
 * Socket Mode Bolt would leave the envelope unacknowledged (Slack delivers it again) and log each one.
 */
@ApplicationScoped
public class SlackDeliveryGuard implements Middleware {

    private static final Logger LOG = Logger.getLogger(SlackDeliveryGuard.class);
    private static final String NOT_ALLOWED = "This workspace is not allowed to use this app.";

    @Inject
    SlackSettings settings;
    @Inject
    SlackRefusals refusals;
    @Inject
    SlackDeliveryLog deliveries;
    @Inject
    MeterRegistry metrics;
    @Inject
    ObjectMapper json;

    private WorkspaceAllowList allowList;

    @PostConstruct
    void readAllowList() {
        allowList = new WorkspaceAllowList(settings.allowedTeamIds(), settings.allowedEnterpriseIds());
    }

    @Override
    public Response apply(Request req, Response resp, MiddlewareChain chain) throws Exception {
        RequestType type = req.getRequestType();
        // Slack's own checks of the endpoint name no workspace and run nothing
        if (type != RequestType.UrlVerification && type != RequestType.SSLCheck) {
            SlackOrigin origin = SlackOrigin.of(req.getRequestBodyAsString());
            Optional<String> refusal = allowList.refusal(origin);
            if (refusal.isPresent()) {
                refusals.refuse("team_not_allowed", origin.describe(), "a " + origin.kind(), refusal.get());
                return type == RequestType.Command
                        ? Response.json(200, new SlashCommandText("ephemeral", NOT_ALLOWED))
                        : Response.ok();
            }
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
