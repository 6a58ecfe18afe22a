package dev.harbormaster.catalog;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code POST /admin/catalog/import}: imports the Backstage YAML in the body, all of it or nothing.
 * Guarded by a bearer token ({@code HARBORMASTER_ADMIN_TOKEN}); without one configured it is off.
 */
@Path("/admin/catalog/import")
public class CatalogImportResource {

    static final Set<String> YAML_TYPES = Set.of("application/yaml", "application/x-yaml", "text/yaml",
            "text/x-yaml", "text/plain");

    @Inject
    CatalogSettings settings;
    @Inject
    CatalogImport catalogImport;

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response importYaml(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                               @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, String body) {
        if (settings.adminToken().isEmpty()) {
            return message(Response.Status.FORBIDDEN, "Catalog import over HTTP is disabled. Set "
                    + "HARBORMASTER_ADMIN_TOKEN to a long random value and send it as 'Authorization: Bearer <token>'.");
        }
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return Response.status(Response.Status.UNAUTHORIZED).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                    .entity(Map.of("message", "Send the admin token as 'Authorization: Bearer <token>'.")).build();
        }
        if (!sameToken(authorization.substring("Bearer ".length()).trim(), settings.adminToken().get())) {
            return message(Response.Status.FORBIDDEN, "The bearer token is not the admin token.");
        }
        if (!isYaml(contentType)) {
            return message(Response.Status.BAD_REQUEST, "Send Backstage YAML with Content-Type application/yaml "
                    + "or text/plain.");
        }
        if (body == null || body.isBlank()) {
            return message(Response.Status.BAD_REQUEST, "The body is empty: send Backstage YAML descriptors.");
        }
        ImportReport report = catalogImport.importYaml("admin-api", "request body", body);
        if (report.imported()) {
            return Response.ok(report).build();
        }
        boolean notYaml = report.problems().stream().anyMatch(p -> p.contains("not valid YAML")
                || p.contains("contains no YAML document"));
        return Response.status(notYaml ? 400 : 422).entity(report).build();
    }

    private static boolean isYaml(String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return YAML_TYPES.contains(type);
    }

    /** Compares digests, so neither the content nor the length of the token leaks through timing. */
    static boolean sameToken(String given, String expected) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] a = sha.digest(given.getBytes(StandardCharsets.UTF_8));
            byte[] b = sha.digest(expected.getBytes(StandardCharsets.UTF_8));
            return MessageDigest.isEqual(a, b);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }

    private static Response message(Response.Status status, String message) {
        return Response.status(status).entity(Map.of("message", message)).build();
    }
}
