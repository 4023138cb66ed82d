package io.decisionlog.minutes.api;

import io.decisionlog.events.errors.BadRequest;
import io.decisionlog.events.errors.Forbidden;
import io.decisionlog.events.errors.KafkaUnavailable;
import io.decisionlog.events.errors.NotFound;
import io.decisionlog.events.outbound.Destination;
import io.decisionlog.kit.audit.AuditLog;
import io.decisionlog.kit.auth.RepoAccess;
import io.decisionlog.kit.auth.Role;
import io.decisionlog.kit.git.GitRemotes;
import io.decisionlog.minutes.sync.Registration;
import io.decisionlog.minutes.sync.SourceRegistry;
import io.decisionlog.minutes.sync.SyncScheduler;
import io.decisionlog.minutes.wiring.Startup;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Registers minutes sources, syncs them in the background and reports their state. Source ids contain a slash: every
 * path takes them raw ({@code /sources/acme/minutes}) or URL-encoded ({@code /sources/acme%2Fminutes}). Readers see
 * the sources their token is scoped to; operators register, sync and unregister them. No fetch runs on a request:
 * a sync's outcome shows in the source's status.
 */
@Path("/api/v1/sources")
@Tag(name = "sources")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.READER_NAME)
public class SourcesResource {
    private final SourceRegistry registry;
    private final SyncScheduler scheduler;
    private final Startup startup;
    private final GitRemotes remotes;
    private final RepoAccess access;
    private final AuditLog audit;

    @Inject
    public SourcesResource(SourceRegistry registry, SyncScheduler scheduler, Startup startup, GitRemotes remotes,
                           RepoAccess access, AuditLog audit) {
        this.registry = registry;
        this.scheduler = scheduler;
        this.startup = startup;
        this.remotes = remotes;
        this.access = access;
        this.audit = audit;
    }

    /** The registration a client posts; a field it does not know is a 400 naming it. */
    public record RegisterRequest(String source, String url, String branch, List<String> include, Boolean replace) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.OPERATOR_NAME)
    @Operation(summary = "Track a minutes source",
            description = "Checks the URL against the outbound rules, records the registration and starts its first "
                    + "sync in the background: 201 new, 200 known (the body is the status before the sync). 409 when "
                    + "the source is registered with another URL or branch and replace is not true.")
    public Response register(RegisterRequest request) throws Exception {
        if (request == null) {
            throw new BadRequest("body", "a JSON body {source, url, branch, include[]} is required");
        }
        boolean replace = Boolean.TRUE.equals(request.replace());
        return audit.around(replace ? "source.replace" : "source.register", request.source(), () -> {
            if (request.source() != null && !access.maySee(request.source().trim())) {
                throw new Forbidden("this token is scoped to " + access.scope() + "; it cannot register "
                        + request.source());
            }
            Destination destination = remotes.check(request.url());
            Registration registration = new Registration(request.source(), destination.display(), request.branch(),
                    request.include());
            requireReady();
            boolean isNew = registry.get(registration.source()).isEmpty();
            registry.register(registration, replace);
            scheduler.request(registration.source());
            return Response.status(isNew ? Response.Status.CREATED : Response.Status.OK)
                    .entity(status(registration.source())).build();
        });
    }

    @GET
    @Operation(summary = "Every minutes source this token may read, with its files and errors")
    public List<SourceStatus> all() {
        return registry.all().stream().filter(s -> access.maySee(s.registration().source())).map(SourceStatus::of)
                .toList();
    }

    @GET
    @Path("{source: .+}")
    @Operation(summary = "A source: its head, accepted files, rejected files with every error's line and column")
    public SourceStatus get(@PathParam("source") String source) {
        return status(decode(source));
    }

    /** Starts a sync in the background; its outcome shows in the source's status ({@code last_report}, {@code error}). */
    @POST
    @Path("{source: .+}/sync")
    @RolesAllowed(Role.OPERATOR_NAME)
    @Operation(summary = "Fetch and publish what changed, in the background: 202 with the status as it is")
    public Response sync(@PathParam("source") String source) throws Exception {
        String id = decode(source);
        return audit.around("source.sync", id, () -> {
            SourceStatus status = status(id);
            requireReady();
            scheduler.request(id);
            return Response.accepted(status).build();
        });
    }

    @DELETE
    @Path("{source: .+}")
    @RolesAllowed(Role.OPERATOR_NAME)
    @Operation(summary = "Stop tracking a source",
            description = "Its registration, its files' state and every decision it published are tombstoned, so "
                    + "chains no longer show minutes from it; the rejected-files log keeps its history.")
    public Response unregister(@PathParam("source") String source) throws Exception {
        String id = decode(source);
        return audit.around("source.unregister", id, () -> {
            status(id);
            requireReady();
            if (!registry.unregister(id)) {
                throw notFound(id);
            }
            return Response.noContent().build();
        });
    }

    /** Before the state topics are read, a sync would publish again what is already published. */
    private void requireReady() {
        if (!startup.ready()) {
            throw new KafkaUnavailable("the service is still reading its state from Kafka (" + startup.status() + ")", null);
        }
    }

    private SourceStatus status(String source) {
        access.require(source, () -> notFound(source));
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
