package io.decisionlog.ciaudit.ingest;

import io.decisionlog.events.errors.BadRequest;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.decisionlog.events.Json;

import java.io.IOException;

/** Reads a payload into its record, turning Jackson's failures into a 400 that says where the JSON is wrong. */
final class Payloads {
    private Payloads() {
    }

    static <T> T read(byte[] body, Class<T> type) {
        if (body == null || body.length == 0) {
            throw new BadRequest("body", "the body is empty; a JSON object was expected");
        }
        try {
            return notNull(Json.MAPPER.readValue(body, type));
        } catch (IOException e) {
            throw explain(e);
        }
    }

    /** A JSON object already read as a tree (to find out what it is) into its record, with the same errors. */
    static <T> T convert(JsonNode tree, Class<T> type) {
        try {
            return notNull(Json.MAPPER.treeToValue(tree, type));
        } catch (IOException e) {
            throw explain(e);
        }
    }

    static JsonNode tree(byte[] body) {
        return tree(body, false);
    }

    /** A JSON array (an API's list) as a tree. */
    static JsonNode array(byte[] body) {
        return tree(body, true);
    }

    private static JsonNode tree(byte[] body, boolean array) {
        String expected = array ? "a JSON array" : "a JSON object";
        if (body == null || body.length == 0) {
            throw new BadRequest("body", "the body is empty; " + expected + " was expected");
        }
        try {
            JsonNode root = Json.MAPPER.readTree(body);
            if (root == null || (array ? !root.isArray() : !root.isObject())) {
                throw new BadRequest("body", "the body must be " + expected);
            }
            return root;
        } catch (IOException e) {
            throw explain(e);
        }
    }

    private static <T> T notNull(T value) {
        if (value == null) {
            throw new BadRequest("body", "the body is JSON null; a JSON object was expected");
        }
        return value;
    }

    private static BadRequest explain(IOException failure) {
        if (failure instanceof MismatchedInputException e) {
            String path = e.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b).orElse("body");
            return new BadRequest(path, path + " has the wrong type: " + e.getOriginalMessage());
        }
        if (failure instanceof JsonProcessingException e) {
            return new BadRequest("body", "malformed JSON" + (e.getLocation() == null ? "" : " at line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr()) + ": " + e.getOriginalMessage());
        }
        return new BadRequest("body", "unreadable body: " + failure.getMessage());
    }
}
