package io.decisionlog.deploy.k8s;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks manifest documents against the schema of their apiVersion and kind, as kubeconform would with strict
 * schemas: an unknown field, a wrong type, a missing required field, and a kind the catalog has no schema for are all
 * violations, each naming the document.
 */
final class ManifestSchemaCheck {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SchemaCatalog catalog;

    ManifestSchemaCheck(SchemaCatalog catalog) {
        this.catalog = catalog;
    }

    /** Every violation of every document, each prefixed with the document it is in. */
    List<String> violations(List<ManifestDocument> documents) {
        return documents.stream().flatMap(document -> violations(document).stream()).toList();
    }

    List<String> violations(ManifestDocument document) {
        if (!(document.body() instanceof Map<?, ?>)) {
            return List.of(document + ": not a mapping but " + document.body());
        }
        Optional<KindSchema> schema = catalog.forKind(document.apiVersion(), document.kind());
        if (schema.isEmpty()) {
            // no silent skip: a kind nobody brought a schema for is unchecked, which the build must not accept
            return List.of(document + ": no schema for apiVersion " + document.apiVersion() + " kind "
                    + document.kind() + " in deploy/k8s/schemas (its README says how to add one)");
        }
        return schema.get().violations(JSON.valueToTree(document.body())).stream()
                .map(violation -> document + ": " + violation)
                .toList();
    }
}
