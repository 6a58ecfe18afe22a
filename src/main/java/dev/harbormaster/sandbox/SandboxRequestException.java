package dev.harbormaster.sandbox;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import java.util.Map;

/** A driving request the sandbox cannot carry out (unknown user, no such button...): answered with the reason. */
class SandboxRequestException extends RuntimeException {

    final int status;

    SandboxRequestException(int status, String message) {
        super(message);
        this.status = status;
    }

    static SandboxRequestException badRequest(String message) {
        return new SandboxRequestException(400, message);
    }

    @Provider
    public static class Mapper implements ExceptionMapper<SandboxRequestException> {
        @Override
        public Response toResponse(SandboxRequestException e) {
            return Response.status(e.status).type(MediaType.APPLICATION_JSON)
                    .entity(Map.of("ok", false, "error", e.getMessage())).build();
        }
    }
}
