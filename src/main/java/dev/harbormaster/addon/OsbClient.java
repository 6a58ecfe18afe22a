package dev.harbormaster.addon;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The platform side of the Open Service Broker API 2.17 over {@link HttpClient}: every request carries the
 * version, who asked ({@code X-Broker-API-Originating-Identity}) and a fresh request id. It reports what the broker
 * said; deciding what that means is {@link AddonSteps}' job.
 */
public class OsbClient {

    public static final String API_VERSION = "2.17";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final Duration requestTimeout;

    public OsbClient(Duration connectTimeout, Duration requestTimeout) {
        this.http = HttpClient.newBuilder().connectTimeout(connectTimeout).followRedirects(HttpClient.Redirect.NEVER).build();
        this.requestTimeout = requestTimeout;
    }

    public BrokerReply catalog(Broker broker) {
        return send(broker, "GET", "/v2/catalog", null, null);
    }

    public BrokerReply provision(Broker broker, String instanceId, JsonNode body, String userId) {
        return send(broker, "PUT", instancePath(instanceId) + "?accepts_incomplete=true", body, userId);
    }

    public BrokerReply instanceLastOperation(Broker broker, String instanceId, String serviceId, String planId,
                                             String operation) {
        return send(broker, "GET", instancePath(instanceId) + "/last_operation" + query(serviceId, planId, operation),
                null, null);
    }

    public BrokerReply deprovision(Broker broker, String instanceId, String serviceId, String planId, String userId) {
        return send(broker, "DELETE", instancePath(instanceId) + query(serviceId, planId, null) + "&accepts_incomplete=true",
                null, userId);
    }

    public BrokerReply bind(Broker broker, String instanceId, String bindingId, JsonNode body, String userId) {
        return send(broker, "PUT", bindingPath(instanceId, bindingId) + "?accepts_incomplete=true", body, userId);
    }

    public BrokerReply bindingLastOperation(Broker broker, String instanceId, String bindingId, String serviceId,
                                            String planId, String operation) {
        return send(broker, "GET", bindingPath(instanceId, bindingId) + "/last_operation"
                + query(serviceId, planId, operation), null, null);
    }

    public BrokerReply fetchBinding(Broker broker, String instanceId, String bindingId) {
        return send(broker, "GET", bindingPath(instanceId, bindingId), null, null);
    }

    public BrokerReply unbind(Broker broker, String instanceId, String bindingId, String serviceId, String planId,
                              String userId) {
        return send(broker, "DELETE", bindingPath(instanceId, bindingId) + query(serviceId, planId, null)
                + "&accepts_incomplete=true", null, userId);
    }

    /** The header value naming the Slack user a request is made for, as the spec's {@code harbormaster} profile. */
    static String originatingIdentity(String userId) {
        String value = Base64.getEncoder().encodeToString(
                ("{\"user_id\":" + JSON.valueToTree(userId) + "}").getBytes(StandardCharsets.UTF_8));
        return "harbormaster " + value;
    }

    private BrokerReply send(Broker broker, String method, String path, JsonNode body, String userId) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(broker.baseUrl() + path))
                .timeout(requestTimeout)
                .header("X-Broker-API-Version", API_VERSION)
                .header("X-Broker-API-Request-Identity", UUID.randomUUID().toString())
                .header("Accept", "application/json");
        if (broker.authorization() != null) {
            request.header("Authorization", broker.authorization());
        }
        if (userId != null) {
            request.header("X-Broker-API-Originating-Identity", originatingIdentity(userId));
        }
        if (body != null) {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpConnectTimeoutException | ConnectException e) {
            throw new BrokerUnreachableException("cannot connect to broker " + broker.name(), false, e);
        } catch (HttpTimeoutException e) {
            throw new BrokerUnreachableException("broker " + broker.name() + " did not answer within "
                    + requestTimeout.toSeconds() + " s", true, e);
        } catch (IOException e) {
            throw new BrokerUnreachableException("broker " + broker.name() + " could not be reached ("
                    + e.getClass().getSimpleName() + ")", true, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BrokerUnreachableException("interrupted while calling broker " + broker.name(), true, e);
        }
        return new BrokerReply(response.statusCode(), parse(response.body()),
                response.headers().firstValue("Retry-After").flatMap(OsbClient::retryAfter));
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return MissingNode.getInstance();
        }
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            return MissingNode.getInstance();
        }
    }

    /** Retry-After is either seconds or an HTTP date. */
    static Optional<Duration> retryAfter(String value) {
        String trimmed = value.trim();
        try {
            long seconds = Long.parseLong(trimmed);
            return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration wait = Duration.between(Instant.now(), at);
                return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
            } catch (DateTimeParseException notADate) {
                return Optional.empty();
            }
        }
    }

    private static String instancePath(String instanceId) {
        return "/v2/service_instances/" + encode(instanceId);
    }

    private static String bindingPath(String instanceId, String bindingId) {
        return instancePath(instanceId) + "/service_bindings/" + encode(bindingId);
    }

    private static String query(String serviceId, String planId, String operation) {
        StringBuilder query = new StringBuilder("?service_id=").append(encode(serviceId))
                .append("&plan_id=").append(encode(planId));
        if (operation != null) {
            query.append("&operation=").append(encode(operation));
        }
        return query.toString();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** JSON object helper for request bodies. */
    static JsonNode body(Map<String, Object> fields) {
        return JSON.valueToTree(fields);
    }
}
