package dev.harbormaster.sandbox;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

/**
 * The upload URLs {@code files.getUploadURLExternal} hands out, and the page's way to show a finished file. Only a PNG
 * is served inline (the page shows images); anything else downloads, so an upload can never run as a page here.
 */
@Path("/sandbox/files")
public class SandboxFilesResource {

    @Inject
    SandboxFiles files;

    @POST
    @Path("/upload/{id}")
    public Response upload(@PathParam("id") String id, byte[] body) {
        if (body == null || body.length > SandboxFiles.MAX_BYTES || !files.receive(id, body)) {
            return Response.status(400).type("text/plain").entity("upload refused: unknown id, finished upload, or wrong length\n").build();
        }
        return Response.ok("OK - " + body.length, "text/plain").build();
    }

    @GET
    @Path("/{id}")
    public Response file(@PathParam("id") String id) {
        return files.completed(id).map(file -> {
            boolean png = SandboxFiles.isPng(file.bytes);
            return Response.ok(file.bytes, file.mimetype())
                    .header("X-Content-Type-Options", "nosniff")
                    .header("Content-Security-Policy", "default-src 'none'")
                    .header("Content-Disposition", (png ? "inline" : "attachment") + "; filename=\"" + file.id + (png ? ".png" : ".bin") + "\"")
                    .build();
        }).orElseGet(() -> Response.status(404).build());
    }
}
