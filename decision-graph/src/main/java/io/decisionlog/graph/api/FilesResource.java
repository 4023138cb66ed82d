package io.decisionlog.graph.api;

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

/** A whole file's blame, each range annotated with its commit and decisions. */
@Path("/api/v1/files")
@RolesAllowed(Role.READER_NAME)
@Tag(name = "trace")
@Produces(MediaType.APPLICATION_JSON)
public class FilesResource {
    private final FileBlames files;

    @Inject
    public FilesResource(FileBlames files) {
        this.files = files;
    }

    @GET
    @Operation(summary = "A file's blame at the tip, range by range, with the decisions behind each range")
    @APIResponse(responseCode = "200", description = "The file")
    @APIResponse(responseCode = "404", description = "unknown repository or path")
    public FileView file(@Parameter(example = "acme/payments") @QueryParam("repo") String repo,
                         @Parameter(example = "config/payments.yaml") @QueryParam("path") String path) {
        FileBlames.FileBlame blame = files.of(Params.required("repo", repo), Params.required("path", path));
        return FileView.of(blame.file(), blame.ranges(), blame.chains());
    }
}
