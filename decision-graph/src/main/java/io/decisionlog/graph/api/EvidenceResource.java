package io.decisionlog.graph.api;

import io.decisionlog.kit.auth.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** An auditor's evidence bundle of a repository's range, streamed as it is read: checked offline by verify. */
@Path("/api/v1/evidence")
@RolesAllowed(Role.READER_NAME)
@Tag(name = "commits")
public class EvidenceResource {
    static final String JSON_LINES = "application/x-ndjson";

    private final EvidenceExport export;
    private final Lines lines;

    @Inject
    public EvidenceResource(EvidenceExport export, Lines lines) {
        this.export = export;
        this.lines = lines;
    }

    @GET
    @Produces(JSON_LINES)
    @Operation(summary = "Every commit of a repository in a date range with its chain and digest, the decisions they name "
            + "with their minutes, digests and sign-offs, the sign-offs' log entries with inclusion proofs, and the "
            + "signed checkpoint: JSON Lines, one object per line, checked offline by ./decisionlog verify BUNDLE",
            description = "Lines: header, commit (newest first), decision, log_entry, seal (the checkpoint and the "
                    + "count of each kind). since and until are days (UTC); until defaults to today, since to 90 "
                    + "days before. Streamed: a year of a busy repository is not held in memory.")
    @APIResponse(responseCode = "200", description = "The bundle")
    @APIResponse(responseCode = "400", description = "a bad date")
    @APIResponse(responseCode = "404", description = "unknown repository, or one the token may not read")
    public Response export(@Parameter(example = "acme/payments") @QueryParam("repo") String repo,
                           @QueryParam("since") String since, @QueryParam("until") String until) {
        CommitWalk walk = CommitWalk.parse(lines, repo, since, until, null, null,
                String.valueOf(CommitWalk.MAX_LIMIT));
        StreamingOutput bundle = out -> export.write(walk, out);
        return Response.ok(bundle, JSON_LINES).header("Content-Disposition", "attachment; filename=\"evidence-"
                + walk.repo().replace('/', '-') + "-" + walk.range().since() + "-" + walk.range().until()
                + ".jsonl\"").build();
    }
}
