package io.decisionlog.graph.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.decisionlog.events.DecisionChain;
import io.decisionlog.events.errors.BadRequest;
import io.decisionlog.graph.store.LineAt;
import io.decisionlog.kit.auth.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** "Why is this line here?": one line's chain, as JSON or as a Mermaid flowchart. */
@Path("/api/v1/trace")
@RolesAllowed(Role.READER_NAME)
@Tag(name = "trace")
public class TraceResource {
    private final Lines lines;
    private final PastBlames pastBlames;
    private final Chains chains;
    private final Signoffs signoffs;
    private final ObjectMapper answers;

    @Inject
    public TraceResource(Lines lines, PastBlames pastBlames, Chains chains, Signoffs signoffs, ObjectMapper answers) {
        this.signoffs = signoffs;
        this.lines = lines;
        this.pastBlames = pastBlames;
        this.chains = chains;
        this.answers = answers;
    }

    @GET
    @Produces({MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN})
    @Operation(summary = "The chain of one line: line → commit → CI runs → decisions → minutes")
    @APIResponse(responseCode = "200", description = "The chain; format=mermaid gives a Mermaid flowchart as text",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TraceView.class),
                    examples = @ExampleObject(name = "traced line", value = Examples.TRACE)))
    @APIResponse(responseCode = "400", description = "line missing, not a number, or out of range",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "out of range",
                    value = "{\"error\":\"bad_request\",\"message\":\"line 99 is out of range: config/payments.yaml has 12 lines at 3f2a9c1\"}")))
    @APIResponse(responseCode = "404", description = "unknown repository, path or revision (the message says which)")
    public Response trace(
            @Parameter(description = "repository id", example = "acme/payments") @QueryParam("repo") String repo,
            @Parameter(description = "path at the branch tip (or at rev)", example = "config/payments.yaml") @QueryParam("path") String path,
            @Parameter(description = "1-based line number", example = "12") @QueryParam("line") String line,
            @Parameter(description = "json (default) or mermaid") @QueryParam("format") @DefaultValue("json") String format,
            @Parameter(description = Params.REV_FORMS, example = "v1.4.0") @QueryParam("rev") String rev,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        String r = Params.required("repo", repo);
        String p = Params.required("path", path);
        int n = Params.positive("line", line);
        boolean mermaid = switch (format) {
            case "json" -> false;
            case "mermaid" -> true;
            default -> throw new BadRequest("format must be json or mermaid, not '" + format + "'");
        };
        boolean signed = signoffs.concern(r);
        boolean withBody = mermaid || signed || chains.traceNeedsBody();
        LineAt at = rev == null || rev.isBlank() ? lines.at(r, p, n, withBody)
                : pastBlames.at(r, p, n, rev, withBody, Ingesters.bearer(authorization));
        if (mermaid || signed) {
            DecisionChain chain = chains.of(at);
            TraceView trace = chain == null ? TraceView.of(r, p, n, at, (DecisionChain) null)
                    : TraceView.of(r, p, n, at, ChainAnswer.of(chain, signoffs.of(chain)));
            return mermaid ? Response.ok(MermaidChart.of(trace), MediaType.TEXT_PLAIN_TYPE.withCharset("UTF-8")).build()
                    : Response.ok(json(trace), MediaType.APPLICATION_JSON_TYPE).build();
        }
        // the JSON of a TraceView, written from the stored trace parts without parsing the chain
        String json = TraceJson.of(answers, r, p, n, at, chains.traceParts(at));
        return Response.ok(json, MediaType.APPLICATION_JSON_TYPE).build();
    }

    private String json(TraceView trace) {
        try {
            return answers.writeValueAsString(trace);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the trace of " + trace.repo() + ":" + trace.path(), e);
        }
    }

    @GET
    @Path("history")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Every commit that changed a line, newest first, each with its chain",
            description = "As git log -L LINE,LINE:PATH lists them: the line is followed back through each commit's "
                    + "diff (a hunk that replaced it widens what is followed, as git does) and through renames.")
    @APIResponse(responseCode = "200", description = "The history",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = LineHistoryView.class)))
    @APIResponse(responseCode = "400", description = "line missing, not a number, or out of range")
    @APIResponse(responseCode = "404", description = "unknown repository, path or revision (the message says which)")
    public LineHistoryView history(
            @Parameter(description = "repository id", example = "acme/payments") @QueryParam("repo") String repo,
            @Parameter(description = "path at rev (or the tip)", example = "config/payments.yaml") @QueryParam("path") String path,
            @Parameter(description = "1-based line number", example = "12") @QueryParam("line") String line,
            @Parameter(description = Params.REV_FORMS, example = "v1.4.0") @QueryParam("rev") String rev,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return pastBlames.history(Params.required("repo", repo), Params.required("path", path),
                Params.positive("line", line), rev == null || rev.isBlank() ? null : rev, Ingesters.bearer(authorization));
    }
}
