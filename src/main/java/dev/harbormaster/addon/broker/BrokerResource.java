package dev.harbormaster.addon.broker;

import com.fasterxml.jackson.databind.JsonNode;
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

    @Inject
    ReferenceBroker broker;

    @GET
    @Path("/catalog")
    public Map<String, Object> catalog() {
        return BrokerCatalog.catalog();
    }

    @PUT
    @Path("/service_instances/{instanceId}")
    public Response provision(@PathParam("instanceId") String instanceId,
                              @QueryParam("accepts_incomplete") boolean acceptsIncomplete, JsonNode body) {
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
        Map<String, Object> instance = broker.fetch(instanceId);
        if (instance == null) {
            return Response.status(404).entity(BrokerExceptionMapper.body(null, "No such service instance")).build();
        }
        return Response.ok(instance).build();
    }

    @GET
    @Path("/service_instances/{instanceId}/last_operation")
    public ReferenceBroker.LastOperation lastOperation(@PathParam("instanceId") String instanceId) {
        return broker.lastOperation(instanceId);
    }

    @DELETE
    @Path("/service_instances/{instanceId}")
    public Response deprovision(@PathParam("instanceId") String instanceId,
                                @QueryParam("service_id") String serviceId, @QueryParam("plan_id") String planId,
                                @QueryParam("accepts_incomplete") boolean acceptsIncomplete) {
        requireAsync(acceptsIncomplete);
        ReferenceBroker.Outcome outcome = broker.deprovision(instanceId, serviceId, planId);
        return Response.accepted(Map.of("operation", outcome.operation())).build();
    }

    @PUT
    @Path("/service_instances/{instanceId}/service_bindings/{bindingId}")
    public Response bind(@PathParam("instanceId") String instanceId, @PathParam("bindingId") String bindingId,
                         JsonNode body) {
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
        broker.unbind(instanceId, bindingId, serviceId, planId);
        return Map.of();
    }

    private static void requireAsync(boolean acceptsIncomplete) {
        if (!acceptsIncomplete) {
            throw new BrokerException(422, "AsyncRequired",
                    "This service plan requires client support for asynchronous operations: add ?accepts_incomplete=true");
        }
    }

    private static JsonNode object(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw BrokerException.badRequest("The request body must be a JSON object");
        }
        return body;
    }

    private static String text(JsonNode body, String field) {
        JsonNode value = body.get(field);
        return value != null && value.isTextual() ? value.textValue() : null;
    }
}
