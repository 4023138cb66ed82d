package io.decisionlog.graph.api;

import io.decisionlog.events.DecisionChain;
import io.decisionlog.graph.store.BlameFileRow;
import io.decisionlog.graph.store.BlameRangeRow;
import io.decisionlog.kit.auth.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/** A whole file's blame, each range annotated with its commit and decisions. */
@Path("/api/v1/files")
@RolesAllowed(Role.READER_NAME)
@Tag(name = "trace")
@Produces(MediaType.APPLICATION_JSON)
public class FilesResource {
    private final Lines lines;
    private final Chains chains;

    @Inject
    public FilesResource(Lines lines, Chains chains) {
        this.lines = lines;
        this.chains = chains;
    }

    @GET
    @Operation(summary = "A file's blame at the tip, range by range, with the decisions behind each range")
    @APIResponse(responseCode = "200", description = "The file")
    @APIResponse(responseCode = "404", description = "unknown repository or path")
    public FileView file(@Parameter(example = "acme/payments") @QueryParam("repo") String repo,
                         @Parameter(example = "config/payments.yaml") @QueryParam("path") String path) {
        BlameFileRow file = lines.file(Params.required("repo", repo), Params.required("path", path));
        List<BlameRangeRow> ranges = BlameRangeRow.ofFile(file.repo, file.path);
        TreeSet<String> shas = ranges.stream().map(range -> range.sha).collect(Collectors.toCollection(TreeSet::new));
        Map<String, DecisionChain> bySha = chains.of(file.repo, shas).stream()
                .collect(Collectors.toMap(chain -> chain.commit().sha(), Function.identity()));
        return FileView.of(file, ranges, bySha);
    }
}
