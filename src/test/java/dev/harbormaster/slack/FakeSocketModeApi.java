package dev.harbormaster.slack;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The two Web API methods Socket Mode needs before the WebSocket: auth.test and apps.connections.open. */
@Path("/fake-socket-mode-slack")
public class FakeSocketModeApi {

    @POST
    @Path("{method}")
    @Produces(MediaType.APPLICATION_JSON)
    public String call(@PathParam("method") String method) {
        return switch (method) {
            case "apps.connections.open" -> SocketModeTest.url == null
                    ? "{\"ok\":false,\"error\":\"internal_error\"}"
                    : "{\"ok\":true,\"url\":\"" + SocketModeTest.url + "\"}";
            case "auth.test" -> "{\"ok\":true,\"url\":\"https://fake.slack.com/\",\"team\":\"Fake\",\"user\":\"harbormaster\","
                    + "\"team_id\":\"T0SANDBOX\",\"user_id\":\"UHARBORMASTER\",\"bot_id\":\"BHARBORMASTER\"}";
            default -> "{\"ok\":false,\"error\":\"unknown_method\"}";
        };
    }
}
