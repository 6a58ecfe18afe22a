package dev.harbormaster.sandbox;

import dev.harbormaster.slack.SlackConnection;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * With a real Slack bot token configured the sandbox does not exist: every /sandbox path answers 404, so a
 * production deployment never exposes a fake Slack that accepts the bot's token or signs requests.
 */
public class SandboxOnlyWithoutSlack {

    @Inject
    SlackConnection connection;

    @ServerRequestFilter(preMatching = true)
    public Response hideWhenSlackIsReal(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        boolean sandboxPath = path.equals("/sandbox") || path.startsWith("/sandbox/") || path.startsWith("/sandbox?");
        if (sandboxPath && !connection.sandbox()) {
            return Response.status(404).build();
        }
        return null;
    }
}
