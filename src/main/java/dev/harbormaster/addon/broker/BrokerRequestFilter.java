package dev.harbormaster.addon.broker;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

/**
 * The gate in front of every {@code /osb} path: absent when the broker is off, then basic auth, then the
 * {@code X-Broker-API-Version} header the spec requires (2.x).
 */
@Provider
public class BrokerRequestFilter implements ContainerRequestFilter {

    static final String VERSION_HEADER = "X-Broker-API-Version";

    @Inject
    BrokerAccess access;

    @Override
    public void filter(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (!(path.equals("/osb") || path.startsWith("/osb/"))) {
            return;
        }
        if (!access.enabled()) {
            request.abortWith(Response.status(404).build());
            return;
        }
        if (!access.authorizes(request.getHeaderString(HttpHeaders.AUTHORIZATION))) {
            request.abortWith(Response.status(401).header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"osb\"")
                    .type(MediaType.APPLICATION_JSON)
                    .entity(BrokerExceptionMapper.body(null, "Wrong or missing broker credentials")).build());
            return;
        }
        String version = request.getHeaderString(VERSION_HEADER);
        if (version == null || !version.trim().startsWith("2.")) {
            request.abortWith(Response.status(412).type(MediaType.APPLICATION_JSON)
                    .entity(BrokerExceptionMapper.body(null,
                            "This broker speaks Open Service Broker API 2.x: send header " + VERSION_HEADER + ": 2.17"))
                    .build());
        }
    }
}
