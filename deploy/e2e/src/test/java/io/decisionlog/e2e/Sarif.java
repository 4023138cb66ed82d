package io.decisionlog.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/** SARIF checked against the OASIS SARIF 2.1.0 JSON schema (src/test/resources/sarif, with its licence). */
final class Sarif {
    private static final JsonSchema SCHEMA = load();

    private Sarif() {
    }

    /** Every way the document departs from the schema; empty when it is valid SARIF 2.1.0. */
    static List<String> validate(JsonNode document) {
        return SCHEMA.validate(document).stream().map(ValidationMessage::getMessage).sorted().toList();
    }

    private static JsonSchema load() {
        try (InputStream schema = Sarif.class.getResourceAsStream("/sarif/sarif-schema-2.1.0.json")) {
            if (schema == null) {
                throw new IllegalStateException("sarif/sarif-schema-2.1.0.json is missing from the test resources");
            }
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(schema);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
