package io.decisionlog.graph.api;

import io.decisionlog.events.errors.BadRequest;
import io.decisionlog.kit.auth.Role;
import io.quarkus.arc.properties.IfBuildProperty;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The trace benchmark's floor (issue #24): {@code GET /api/v1/trace}'s stack (HTTP, the token check, the reader's
 * repository scope, JAX-RS, the same query parameters) answering a constant JSON body of the size asked for, with no
 * store behind it. Only in a build made with {@code -Ddecisionlog.bench.trace-floor=true}, which bench/store.sh
 * FLOOR=1 makes in a directory of its own: the product's build has no such endpoint.
 */
@IfBuildProperty(name = "decisionlog.bench.trace-floor", stringValue = "true")
@Path("/api/v1/trace-floor")
@RolesAllowed(Role.READER_NAME)
public class TraceFloorResource {
    static final int MAX_BYTES = 64 * 1024;
    private final Lines lines;
    /** The last body asked for: one at a time, so that no mix of sizes can grow the heap. */
    private volatile Body last = new Body(0, "");

    private record Body(int size, String text) {
    }

    @Inject
    public TraceFloorResource(Lines lines) {
        this.lines = lines;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Benchmark builds only: a constant body of `bytes` bytes, checked like a trace request")
    public Response floor(@QueryParam("repo") String repo, @QueryParam("path") String path,
                          @QueryParam("line") String line, @QueryParam("bytes") String bytes) {
        String r = Params.required("repo", repo);
        Params.required("path", path);
        Params.positive("line", line);
        int size = Params.positive("bytes", bytes);
        if (size > MAX_BYTES) {
            throw new BadRequest("bytes", "bytes must be at most " + MAX_BYTES + ", not " + size);
        }
        lines.requireVisible(r);
        Body body = last;
        if (body.size() != size) {
            body = new Body(size, body(size));
            last = body;
        }
        return Response.ok(body.text(), MediaType.APPLICATION_JSON_TYPE).build();
    }

    /** {@code {"floor":"xxx…"}}, {@code size} bytes long (at the least its 12 bytes of frame). */
    private static String body(int size) {
        String frame = "{\"floor\":\"\"}";
        return "{\"floor\":\"" + "x".repeat(Math.max(0, size - frame.length())) + "\"}";
    }
}
