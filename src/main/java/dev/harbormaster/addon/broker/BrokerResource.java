package dev.harbormaster.addon.broker;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.Map;

/**
 * The reference Open Service Broker (API 2.17) at {@code /osb}: a platform registers
 * {@code http://<harbormaster>/osb} as a broker. Access, auth and the version header are checked by
 * {@link BrokerRequestFilter}.
 */
@Path("/osb/v2")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class BrokerResource {

    /** The spec leaves ids opaque; our columns hold 200 characters, and PostgreSQL text cannot hold NUL. */
    static final int MAX_ID = 200;

    @Inject
    ReferenceBroker broker;

    @Inject
    ObjectMapper json;

    @GET
    @Path("/catalog")
    public Map<String, Object> catalog() {
        return BrokerCatalog.catalog();
    }

    @PUT
    @Path("/service_instances/{instanceId}")
    public Response provision(@PathParam("instanceId") String instanceId,
                              @QueryParam("accepts_incomplete") boolean acceptsIncomplete, String body) {
        checkId("instance", instanceId);
        requireAsync(acceptsIncomplete);
        JsonNode request = object(body);
        ReferenceBroker.Outcome outcome = broker.provision(instanceId, text(request, "service_id"),
                text(request, "plan_id"), request.get("parameters"));
        return outcome.accepted()
                ? Response.accepted(Map.of("operation", outcome.operation())).build()
                : Response.ok(Map.of()).build();
    }

    @GET
    @Path("/service_instances/{instanceId}")
    public Response fetch(@PathParam("instanceId") String instanceId) {
        checkId("instance", instanceId);
        Map<String, Object> instance = broker.fetch(instanceId);
        if (instance == null) {
            return Response.status(404).entity(BrokerExceptionMapper.body(null, "No such service instance")).build();
        }
        return Response.ok(instance).build();
    }

    @GET
    @Path("/service_instances/{instanceId}/last_operation")
    public ReferenceBroker.LastOperation lastOperation(@PathParam("instanceId") String instanceId) {
        checkId("instance", instanceId);
        return broker.lastOperation(instanceId);
    }

    @DELETE
    @Path("/service_instances/{instanceId}")
    public Response deprovision(@PathParam("instanceId") String instanceId,
                                @QueryParam("service_id") String serviceId, @QueryParam("plan_id") String planId,
                                @QueryParam("accepts_incomplete") boolean acceptsIncomplete) {
        checkId("instance", instanceId);
        requireAsync(acceptsIncomplete);
        ReferenceBroker.Outcome outcome = broker.deprovision(instanceId, serviceId, planId);
        return Response.accepted(Map.of("operation", outcome.operation())).build();
    }

    @PUT
    @Path("/service_instances/{instanceId}/service_bindings/{bindingId}")
    public Response bind(@PathParam("instanceId") String instanceId, @PathParam("bindingId") String bindingId,
                         String body) {
        checkId("instance", instanceId);
        checkId("binding", bindingId);
        JsonNode request = object(body);
        ReferenceBroker.Bound bound = broker.bind(instanceId, bindingId, text(request, "service_id"),
                text(request, "plan_id"), request.get("parameters"));
        return Response.status(bound.created() ? 201 : 200).entity(Map.of("credentials", bound.credentials())).build();
    }

    @DELETE
    @Path("/service_instances/{instanceId}/service_bindings/{bindingId}")
    public Map<String, Object> unbind(@PathParam("instanceId") String instanceId,
                                      @PathParam("bindingId") String bindingId,
                                      @QueryParam("service_id") String serviceId, @QueryParam("plan_id") String planId) {
        checkId("instance", instanceId);
        checkId("binding", bindingId);
        broker.unbind(instanceId, bindingId, serviceId, planId);
        return Map.of();
    }

    private static void requireAsync(boolean acceptsIncomplete) {
        if (!acceptsIncomplete) {
            throw new BrokerException(422, "AsyncRequired",
                    "This service plan requires client support for asynchronous operations: add ?accepts_incomplete=true");
        }
    }

    /** Refused before it reaches the database or a lock, where it would fail as a 500. */
    private static void checkId(String what, String id) {
        if (id == null || id.isEmpty()) {
            throw BrokerException.badRequest("The " + what + " id is empty");
        }
        if (id.codePointCount(0, id.length()) > MAX_ID) {
            throw BrokerException.badRequest("The " + what + " id is longer than " + MAX_ID + " characters");
        }
        if (id.codePoints().anyMatch(Character::isISOControl)) {
            throw BrokerException.badRequest("The " + what + " id contains a control character");
        }
    }

    /** Read as text and parsed here, so that a broken body gets the spec's error body, not the framework's. */
    private JsonNode object(String body) {
        JsonNode parsed;
        try {
            parsed = body == null || body.isBlank() ? null : json.readTree(body);
        } catch (JsonProcessingException e) {
            throw BrokerException.badRequest("The request body is not valid JSON");
        }
        if (parsed == null || !parsed.isObject()) {
            throw BrokerException.badRequest("The request body must be a JSON object");
        }
        return parsed;
    }

    private static String text(JsonNode body, String field) {
        JsonNode value = body.get(field);
        return value != null && value.isTextual() ? value.textValue() : null;
    }
}
