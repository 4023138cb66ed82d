package io.decisionlog.graph.api;

import io.decisionlog.kit.auth.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
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
    @Operation(summary = "A file's blame at the tip (or at rev), range by range, with the decisions behind each range")
    @APIResponse(responseCode = "200", description = "The file; rev is the commit it answers for")
    @APIResponse(responseCode = "404", description = "unknown repository, path or revision (the message says which)")
    @APIResponse(responseCode = "422", description = "a file the blame-ingester does not blame (binary, too large, too slow)")
    public FileView file(@Parameter(example = "acme/payments") @QueryParam("repo") String repo,
                         @Parameter(example = "config/payments.yaml") @QueryParam("path") String path,
                         @Parameter(description = Params.REV_FORMS, example = "v1.4.0") @QueryParam("rev") String rev,
                         @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        String r = Params.required("repo", repo);
        String p = Params.required("path", path);
        FileBlames.FileBlame blame = rev == null || rev.isBlank() ? files.of(r, p)
                : files.of(r, p, rev, Ingesters.bearer(authorization));
        return FileView.of(blame.file(), blame.ranges(), blame.chains());
    }
}
