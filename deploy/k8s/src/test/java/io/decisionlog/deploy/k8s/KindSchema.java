package io.decisionlog.deploy.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.ValidationMessage;

import java.util.ArrayList;
import java.util.List;

/**
 * What a document of one kind must satisfy: the kind's schema, and for a custom resource also Kubernetes' ObjectMeta
 * for its metadata (null for Kubernetes' own kinds, whose schema already covers metadata).
 */
record KindSchema(JsonSchema schema, JsonSchema metadataSchema) {

    /** Each way the document departs from the schemas, as the validator words it ({@code $.spec...: ...}). */
    List<String> violations(JsonNode document) {
        List<String> violations = new ArrayList<>();
        schema.validate(document).stream().map(ValidationMessage::getMessage).forEach(violations::add);
        if (metadataSchema != null && document.has("metadata")) {
            // validated on its own, the metadata node's paths start at $: put them back under $.metadata
            metadataSchema.validate(document.get("metadata")).stream()
                    .map(ValidationMessage::getMessage)
                    .map(message -> message.startsWith("$") ? "$.metadata" + message.substring(1) : message)
                    .forEach(violations::add);
        }
        return violations;
    }
}
