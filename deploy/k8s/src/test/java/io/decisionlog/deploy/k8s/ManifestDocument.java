package io.decisionlog.deploy.k8s;

import java.util.Map;

/**
 * One YAML document of a manifest file, as parsed (a mapping, or whatever else the document holds, so that a
 * document that is not a mapping can be reported rather than dropped).
 *
 * @param file   the file's name, e.g. {@code kafka-topics.yaml}
 * @param number the document's position in the file, from 1
 * @param body   the parsed document
 */
record ManifestDocument(String file, int number, Object body) {

    String apiVersion() {
        return field(body, "apiVersion");
    }

    String kind() {
        return field(body, "kind");
    }

    String name() {
        return body instanceof Map<?, ?> map ? field(map.get("metadata"), "name") : null;
    }

    /** How a report names the document: file, position, kind and name, which is what a reader searches for. */
    @Override
    public String toString() {
        return file + " document " + number + " (" + kind() + " " + name() + ")";
    }

    private static String field(Object mapping, String key) {
        return mapping instanceof Map<?, ?> map && map.get(key) instanceof String value ? value : null;
    }
}
