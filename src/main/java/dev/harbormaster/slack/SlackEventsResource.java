package dev.harbormaster.slack;

import com.slack.api.bolt.App;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.RequestHeaders;
import com.slack.api.bolt.util.SlackRequestParser;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The one door in over HTTP: slash commands, interactivity, options and events all arrive at
 * {@code POST /slack/events}. Verifies the signature (a refusal is counted and logged through
 * {@link SlackRefusals}), then hands the request to Bolt (where {@link SlackDeliveryGuard} refuses other
 * workspaces and drops repeat deliveries) and copies Bolt's answer back.
 */
@Path("/slack/events")
public class SlackEventsResource {

    /** Short enough that a command still has its own budget before Slack's three seconds run out. */
    static final Duration APP_WAIT = Duration.ofSeconds(1);
    static final String NOT_CONNECTED_YET = "Harbormaster is still connecting to Slack after a restart. "
            + "Try again in a few seconds.";

    /**
     * Built in the background at start (it calls auth.test on the Web API): a request never builds it, and waits for it
     * at most {@link #APP_WAIT}, only in the moment after a start.
     */
    @Inject
    BoltAppStarter appStarter;
    @Inject
    SlackConnection connection;
    @Inject
    SlackErrors errors;
    @Inject
    SlackRefusals refusals;
    @Inject
    MeterRegistry metrics;

    private volatile SlackRequestParser parser;
    private volatile SlackSignatureVerifier verifier;

    @POST
    public Response receive(byte[] rawBody, @Context HttpHeaders httpHeaders, @Context HttpServerRequest http) {
        Timer.Sample sample = Timer.start(metrics);
        String body = new String(rawBody, StandardCharsets.UTF_8);
        String kind = "unknown";
        try {
            SlackSignatureVerifier.Outcome outcome = verifier().verify(
                    httpHeaders.getHeaderString("X-Slack-Request-Timestamp"),
                    httpHeaders.getHeaderString("X-Slack-Signature"), body, Instant.now());
            if (outcome != SlackSignatureVerifier.Outcome.VALID) {
                kind = "rejected";
                refusals.refuse(outcome.name().toLowerCase(Locale.ROOT), remoteAddress(http), "a request to /slack/events",
                        outcome.description);
                return Response.status(401).type(MediaType.TEXT_PLAIN).entity("invalid request signature").build();
            }
            Optional<App> app = appStarter.within(APP_WAIT);
            if (app.isEmpty()) {
                kind = "not_connected";
                return notConnectedYet(body);
            }
            Request<?> request = parser(app.get()).parse(SlackRequestParser.HttpRequest.builder()
                    .requestUri("/slack/events")
                    .queryString(Map.of())
                    .headers(new RequestHeaders(lowerCasedHeaders(httpHeaders)))
                    .requestBody(body)
                    .remoteAddress(remoteAddress(http))
                    .build());
            if (request == null) {
                return Response.status(400).type(MediaType.TEXT_PLAIN).entity("not a Slack request").build();
            }
            kind = request.getRequestType().name().toLowerCase(Locale.ROOT);
            com.slack.api.bolt.response.Response boltResponse = app.get().run(request);
            Response.ResponseBuilder answer = Response.status(boltResponse.getStatusCode());
            if (boltResponse.getContentType() != null) {
                answer.type(boltResponse.getContentType());
            }
            if (boltResponse.getBody() != null) {
                answer.entity(boltResponse.getBody());
            }
            return answer.build();
        } catch (Exception e) {
            String errorId = errors.record("handling a Slack request", e);
            return Response.ok(errors.ephemeralJson(errorId), MediaType.APPLICATION_JSON).build();
        } finally {
            sample.stop(Timer.builder("harbormaster.slack.ack")
                    .description("Time from receiving a Slack request to acknowledging it")
                    .tag("kind", kind)
                    .publishPercentileHistogram()
                    .register(metrics));
        }
    }

    private static Map<String, List<String>> lowerCasedHeaders(HttpHeaders headers) {
        Map<String, List<String>> lowerCased = new HashMap<>();
        headers.getRequestHeaders().forEach((name, values) -> lowerCased.put(name.toLowerCase(Locale.ROOT), values));
        return lowerCased;
    }

    private static String remoteAddress(HttpServerRequest http) {
        return http.remoteAddress() == null ? "unknown" : http.remoteAddress().hostAddress();
    }

    private SlackRequestParser parser(App app) {
        if (parser == null) {
            parser = new SlackRequestParser(app.config());
        }
        return parser;
    }

    /**
     * A slash command is told in words (Slack shows a 503 as a bare failure); anything else gets a 503, which Slack
     * retries for events and shows as a failure for a click, as it would for a replica that is down.
     */
    private Response notConnectedYet(String body) {
        if (body.startsWith("token=") || body.contains("&command=")) {
            return Response.ok(errors.ephemeralText(NOT_CONNECTED_YET), MediaType.APPLICATION_JSON).build();
        }
        return Response.status(503).type(MediaType.TEXT_PLAIN).entity(NOT_CONNECTED_YET).build();
    }

    private SlackSignatureVerifier verifier() {
        if (verifier == null) {
            verifier = new SlackSignatureVerifier(connection.signingSecret());
        }
        return verifier;
    }
}
