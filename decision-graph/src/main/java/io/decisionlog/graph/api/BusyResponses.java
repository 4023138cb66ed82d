package io.decisionlog.graph.api;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;

/**
 * Every GET of the API reads the store, and any read may run past {@code decisionlog.store.read-timeout}
 * ({@link io.decisionlog.graph.store.StoreReads}): the OpenAPI document says so on each of them, from this one place,
 * where a resource has not said what its own 503 means.
 */
public class BusyResponses implements OASFilter {
    static final String DESCRIPTION = "busy: the store did not answer within decisionlog.store.read-timeout (10 s);"
            + " ask again after Retry-After, or ask for less";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        openAPI.getPaths().getPathItems().forEach((path, item) -> {
            Operation get = item.getGET();
            if (path.startsWith("/api/v1/") && get != null && get.getResponses() != null
                    && get.getResponses().getAPIResponse("503") == null) {
                get.getResponses().addAPIResponse("503", OASFactory.createAPIResponse().description(DESCRIPTION));
            }
        });
    }
}
