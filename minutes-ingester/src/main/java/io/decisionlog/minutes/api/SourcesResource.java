package io.decisionlog.minutes.api;

import io.decisionlog.events.WireFormat;
import io.decisionlog.events.errors.BadRequest;
import io.decisionlog.events.errors.KafkaUnavailable;
import io.decisionlog.events.errors.NotFound;
import io.decisionlog.minutes.sync.Registration;
import io.decisionlog.minutes.sync.SourceRegistry;
import io.decisionlog.minutes.wiring.Startup;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Registers minutes sources, syncs them on request and reports their state. Source ids contain a slash: every path
 * takes them raw ({@code /sources/acme/minutes}) or URL-encoded ({@code /sources/acme%2Fminutes}).
 */
@Path("/api/v1/sources")
@Produces(MediaType.APPLICATION_JSON)
public class SourcesResource {
    private final SourceRegistry registry;
    private final Startup startup;

    @Inject
    public SourcesResource(SourceRegistry registry, Startup startup) {
        this.registry = registry;
        this.startup = startup;
    }

    @WireFormat
    public record RegisterRequest(String source, String url, String branch, List<String> include) {
    }

    /** Registers (or updates) the source and runs its first sync before answering: 201 new, 200 known. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response register(RegisterRequest request) {
        if (request == null) {
            throw new BadRequest("body", "a JSON body {source, url, branch, include[]} is required");
        }
        Registration registration = new Registration(request.source(), request.url(), request.branch(), request.include());
        requireReady();
        boolean isNew = registry.get(registration.source()).isEmpty();
        registry.register(registration);
        registry.sync(registration.source());
        return Response.status(isNew ? Response.Status.CREATED : Response.Status.OK)
                .entity(status(registration.source())).build();
    }

    @GET
    public List<SourceStatus> all() {
        return registry.all().stream().map(SourceStatus::of).toList();
    }

    @GET
    @Path("{source: .+}")
    public SourceStatus get(@PathParam("source") String source) {
        return status(decode(source));
    }

    /** Fetches now and answers with the state after the sync (an unreachable repository shows in {@code error}). */
    @POST
    @Path("{source: .+}/sync")
    public SourceStatus sync(@PathParam("source") String source) {
        String id = decode(source);
        requireReady();
        if (registry.sync(id).isEmpty()) {
            throw notFound(id);
        }
        return status(id);
    }

    /** Before the state topics are read, a sync would publish again what is already published. */
    private void requireReady() {
        if (!startup.ready()) {
            throw new KafkaUnavailable("the service is still reading its state from Kafka (" + startup.status() + ")", null);
        }
    }

    private SourceStatus status(String source) {
        return registry.get(source).map(SourceStatus::of).orElseThrow(() -> notFound(source));
    }

    private static NotFound notFound(String source) {
        return new NotFound("no minutes source '" + source + "' is registered (POST /api/v1/sources registers one)");
    }

    /** The router hands {@code %2F} through undecoded; a raw slash needs nothing. */
    static String decode(String source) {
        return source.contains("%") ? URLDecoder.decode(source, StandardCharsets.UTF_8) : source;
    }
}
