package dev.harbormaster.addon.broker;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import java.util.LinkedHashMap;
import java.util.Map;

/** Turns a broker refusal into the spec's error body: {@code {"error": ..., "description": ...}}. */
@Provider
public class BrokerExceptionMapper implements ExceptionMapper<BrokerException> {

    @Override
    public Response toResponse(BrokerException exception) {
        return Response.status(exception.status()).type(MediaType.APPLICATION_JSON)
                .entity(body(exception.error(), exception.getMessage())).build();
    }

    static Map<String, String> body(String error, String description) {
        Map<String, String> body = new LinkedHashMap<>();
        if (error != null) {
            body.put("error", error);
        }
        body.put("description", description);
        return body;
    }
}
