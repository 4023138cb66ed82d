package io.decisionlog.ciaudit.api;

import io.decisionlog.ciaudit.config.CiAuditConfig;
import io.decisionlog.ciaudit.pull.CiSources;
import io.decisionlog.ciaudit.pull.PullCredentials;
import io.decisionlog.ciaudit.pull.SourceStatus;
import io.decisionlog.events.CiSource;
import io.decisionlog.events.Keys;
import io.decisionlog.events.errors.BadRequest;
import io.decisionlog.events.errors.NotFound;
import io.decisionlog.events.outbound.Destination;
import io.decisionlog.kit.audit.AuditLog;
import io.decisionlog.kit.auth.RepoAccess;
import io.decisionlog.kit.auth.Role;
import io.decisionlog.kit.git.OutboundGuard;
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

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * CI sources: where runs are pulled from besides the webhooks. Operators register, sync and remove them under the
 * same outbound rule as repositories; readers see those of their repositories. A source's token is named, never given.
 */
@Path("/api/v1/ci-sources")
@Tag(name = "ci-sources")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.READER_NAME)
public class CiSourceResource {
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    private static final Set<String> PROVIDERS = Set.of("github", "gitlab", "jenkins");
    /** A GitLab project: its numeric id or its path. */
    private static final Pattern GITLAB_PROJECT = Pattern.compile("[0-9]{1,12}|[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+){1,20}");
    /** GitLab filters on updated_at, so a pass re-reads only enough to cover clock skew. */
    private static final Duration GITLAB_LOOKBACK = Duration.ofMinutes(15);
    private static final Duration SHORTEST_INTERVAL = Duration.ofMinutes(1);
    private static final Duration LONGEST_LOOKBACK = Duration.ofDays(7);

    private final CiSources sources;
    private final PullCredentials credentials;
    private final OutboundGuard guard;
    private final CiAuditConfig config;
    private final RepoAccess access;
    private final AuditLog audit;
    private final Clock clock;

    @Inject
    public CiSourceResource(CiSources sources, PullCredentials credentials, OutboundGuard guard, CiAuditConfig config,
                            RepoAccess access, AuditLog audit, Clock clock) {
        this.sources = sources;
        this.credentials = credentials;
        this.guard = guard;
        this.config = config;
        this.access = access;
        this.audit = audit;
        this.clock = clock;
    }

    /** What a client posts; durations in ISO-8601 ({@code PT5M}) or short form ({@code 5m}, {@code 24h}). */
    public record Registration(String id, String provider, String repo, String apiUrl, String project,
                               String credentialsRef, String interval, String lookback, Integer backfillDays) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.OPERATOR_NAME)
    @Operation(summary = "Pull a CI system's runs",
            description = "Body: {id, provider: github|gitlab|jenkins, repo: owner/name, api_url (https://api.github.com, "
                    + "https://gitlab.com/api/v4, a Jenkins job's URL), project (default: repo; GitLab: id or path), "
                    + "credentials_ref, interval (5m), lookback (24h), backfill_days (30)}. The API URL is checked "
                    + "against the outbound rules like a repository's; credentials_ref names a token bound to that "
                    + "host in the service's configuration. 202 with the status; the first pass (the backfill) starts "
                    + "at once and its progress shows in GET.")
    public Response register(Registration registration) throws Exception {
        if (registration == null || registration.id() == null || !ID.matcher(registration.id()).matches()) {
            throw new BadRequest("id", "id must be 1-64 of a-z, 0-9, '.', '_', '-', starting with a letter or digit");
        }
        return audit.around("ci-source.register", registration.id(), () -> {
            CiSource source = checked(registration);
            return Response.accepted(sources.register(source)).build();
        });
    }

    @GET
    @Operation(summary = "The CI sources of this token's repositories, with their pull progress")
    public List<SourceStatus> list() {
        return sources.statuses().stream().filter(status -> access.maySee(status.repo())).toList();
    }

    @GET
    @Path("{id}")
    @Operation(summary = "A CI source: backfill progress, last pass, last error, rate limit, requests spent")
    public SourceStatus status(@PathParam("id") String id) {
        return visible(id);
    }

    @POST
    @Path("{id}/sync")
    @RolesAllowed(Role.OPERATOR_NAME)
    @Operation(summary = "Pull now (in the background) unless a pass is running")
    public Response sync(@PathParam("id") String id) throws Exception {
        return audit.around("ci-source.sync", id, () -> {
            visible(id);
            sources.requestPull(id);
            return Response.accepted(visible(id)).build();
        });
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed(Role.OPERATOR_NAME)
    @Operation(summary = "Stop pulling from a CI source (the runs it brought stay: they are history)")
    public Response unregister(@PathParam("id") String id) throws Exception {
        return audit.around("ci-source.unregister", id, () -> {
            visible(id);
            sources.unregister(id);
            return Response.noContent().build();
        });
    }

    private SourceStatus visible(String id) {
        return sources.status(id).filter(status -> access.maySee(status.repo())).orElseThrow(() ->
                new NotFound("no CI source " + id + " (register it with POST /api/v1/ci-sources)"));
    }

    private CiSource checked(Registration registration) {
        String provider = registration.provider() == null ? "" : registration.provider().trim();
        if (!PROVIDERS.contains(provider)) {
            throw new BadRequest("provider", "provider must be github, gitlab or jenkins");
        }
        if (!Keys.isRepo(registration.repo())) {
            throw new BadRequest("repo", "repo must name a repository as owner/name");
        }
        if (!access.maySee(registration.repo())) {
            throw new io.decisionlog.events.errors.Forbidden("this token is scoped to " + access.scope()
                    + "; it cannot register a CI source of " + registration.repo());
        }
        Destination.Remote api = guard.policy().checkHttp("api_url", registration.apiUrl());
        credentials.forHost(registration.credentialsRef(), api.host());
        String project = project(provider, api, registration);
        boolean gitlab = provider.equals("gitlab");
        Duration interval = duration("interval", registration.interval(), config.pull().interval());
        Duration lookback = duration("lookback", registration.lookback(),
                gitlab ? GITLAB_LOOKBACK : config.pull().lookback());
        if (interval.compareTo(SHORTEST_INTERVAL) < 0) {
            throw new BadRequest("interval", "interval must be at least a minute");
        }
        if (lookback.isNegative() || lookback.compareTo(LONGEST_LOOKBACK) > 0) {
            throw new BadRequest("lookback", "lookback must be between 0 and 7 days");
        }
        int days = registration.backfillDays() == null ? config.pull().backfillDays() : registration.backfillDays();
        if (days < 0 || days > 400) {
            throw new BadRequest("backfill_days", "backfill_days must be between 0 and 400");
        }
        String apiUrl = registration.apiUrl().trim();
        return new CiSource(registration.id(), provider, registration.repo(),
                apiUrl.endsWith("/") ? apiUrl.substring(0, apiUrl.length() - 1) : apiUrl, project,
                blankToNull(registration.credentialsRef()), interval, lookback,
                clock.instant().minus(Duration.ofDays(days)), null, null, null, 0);
    }

    /** What the API calls the project: the GitHub repository, GitLab's project id or path, Jenkins' job path. */
    private static String project(String provider, Destination.Remote api, Registration registration) {
        if (provider.equals("jenkins")) {
            String path = URI.create(api.display()).getPath();
            if (path == null || !path.contains("/job/")) {
                throw new BadRequest("api_url", "a Jenkins source's api_url is its job's URL (…/job/NAME)");
            }
            return path;
        }
        String project = registration.project() == null || registration.project().isBlank() ? registration.repo()
                : registration.project().trim();
        if (provider.equals("gitlab")) {
            if (project.length() > 255 || !GITLAB_PROJECT.matcher(project).matches()) {
                throw new BadRequest("project", "project must be the GitLab project's id or path (group/name)");
            }
        } else if (!Keys.isRepo(project)) {
            throw new BadRequest("project", "project must be the GitHub repository as owner/name");
        }
        return project;
    }

    private static Duration duration(String field, String value, Duration otherwise) {
        if (value == null || value.isBlank()) {
            return otherwise;
        }
        String text = value.trim();
        try {
            if (text.matches("\\d{1,6}[smhd]")) {
                long amount = Long.parseLong(text.substring(0, text.length() - 1));
                return switch (text.charAt(text.length() - 1)) {
                    case 's' -> Duration.ofSeconds(amount);
                    case 'm' -> Duration.ofMinutes(amount);
                    case 'h' -> Duration.ofHours(amount);
                    default -> Duration.ofDays(amount);
                };
            }
            return Duration.parse(text.length() > 40 ? "x" : text);
        } catch (DateTimeParseException e) {
            throw new BadRequest(field, field + " must be a duration like 5m, 24h or PT5M");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
