package io.decisionlog.ciaudit.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.decisionlog.events.Json;

import java.io.IOException;

/** Reads a payload into its record, turning Jackson's failures into a 400 that says where the JSON is wrong. */
final class Payloads {
    private Payloads() {
    }

    static <T> T read(byte[] body, Class<T> type) {
        if (body == null || body.length == 0) {
            throw new BadDelivery("body", "the body is empty; a JSON object was expected");
        }
        try {
            T value = Json.MAPPER.readValue(body, type);
            if (value == null) {
                throw new BadDelivery("body", "the body is JSON null; a JSON object was expected");
            }
            return value;
        } catch (MismatchedInputException e) {
            String path = e.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b).orElse("body");
            throw new BadDelivery(path, path + " has the wrong type: " + e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            throw new BadDelivery("body", "malformed JSON at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new BadDelivery("body", "unreadable body: " + e.getMessage());
        }
    }
}
