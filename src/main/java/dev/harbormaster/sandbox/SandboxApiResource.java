package dev.harbormaster.sandbox;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.harbormaster.slack.SlackConnection;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** {@code POST /sandbox/api/<method>}: the Slack Web API as the bot's MethodsClient calls it. */
@Path("/sandbox/api")
public class SandboxApiResource {

    private static final String JSON_UTF8 = "application/json; charset=utf-8";

    @Inject
    SandboxWebApi api;
    @Inject
    SandboxFaults faults;
    @Inject
    SandboxApiLog log;
    @Inject
    SlackConnection connection;

    @POST
    @Path("/{method}")
    public Response call(@PathParam("method") String method, byte[] body, @Context HttpHeaders headers, @Context UriInfo uri) {
        var fault = faults.next(method);
        if (fault.isPresent()) {
            delay(fault.get().delayMs());
            if (fault.get().served()) {
                serve(method, body, headers, uri);
                return scripted(method, fault.get());
            }
            if (!fault.get().onlySlow()) {
                return scripted(method, fault.get());
            }
        }
        return serve(method, body, headers, uri);
    }

    private Response serve(String method, byte[] body, HttpHeaders headers, UriInfo uri) {
        String subject = null;
        try {
            WebApiCall call = WebApiCall.parse(headers.getHeaderString(HttpHeaders.CONTENT_TYPE),
                    new String(body, StandardCharsets.UTF_8), uri.getQueryParameters(),
                    headers.getHeaderString(HttpHeaders.AUTHORIZATION));
            subject = call.subject();
            if (call.token() == null) {
                throw new SlackApiError("not_authed");
            }
            if (!MessageDigest.isEqual(call.token().getBytes(StandardCharsets.UTF_8),
                    connection.botToken().getBytes(StandardCharsets.UTF_8))) {
                throw new SlackApiError("invalid_auth");
            }
            ObjectNode answer = api.call(method, call, uri.getBaseUri().toString());
            log.record(method, subject, 200, "ok");
            return Response.ok(answer.toString(), JSON_UTF8).build();
        } catch (SlackApiError refused) {
            log.record(method, subject, 200, refused.error);
            ObjectNode answer = JsonNodeFactory.instance.objectNode().put("ok", false).put("error", refused.error);
            return Response.ok(answer.toString(), JSON_UTF8).build();
        }
    }

    private static void delay(int millis) {
        if (millis <= 0) {
            return;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Response scripted(String method, SandboxFaults.Fault fault) {
        int status = fault.status() == 0 ? 200 : fault.status();
        log.record(method, null, status, fault.error() != null ? fault.error() : "http " + status);
        if (status == 429) {
            return Response.status(429).header("Retry-After", fault.retryAfter() == null ? 1 : fault.retryAfter())
                    .type(JSON_UTF8).entity("{\"ok\":false,\"error\":\"ratelimited\"}").build();
        }
        if (status == 200) {
            String error = fault.error() == null ? "fatal_error" : fault.error();
            return Response.ok(JsonNodeFactory.instance.objectNode().put("ok", false).put("error", error).toString(), JSON_UTF8).build();
        }
        String reason = Response.Status.fromStatusCode(status) == null ? "Error" : Response.Status.fromStatusCode(status).getReasonPhrase();
        return Response.status(status).type(MediaType.TEXT_HTML)
                .entity("<html>\n<head><title>" + status + " " + reason + "</title></head>\n<body>\n<center><h1>"
                        + status + " " + reason + "</h1></center>\n<hr><center>slack-edge</center>\n</body>\n</html>\n")
                .build();
    }
}
