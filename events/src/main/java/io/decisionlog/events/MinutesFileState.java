package io.decisionlog.events;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the minutes-ingester last did with one minutes file ({@link Topics#MINUTES_FILES}, keyed
 * {@code <source>:<path>}): the blob it read, the decision ids the file defines (also when it is rejected, to find
 * duplicates across files), the decisions it published from it with a hash of each published value, and its errors
 * (empty when accepted). One record per file keeps every record small however large the source grows.
 */
@WireFormat
public record MinutesFileState(String source, String path, String blob, List<String> defines,
                               Map<String, String> published, List<MinutesError> errors) {

    public MinutesFileState {
        defines = defines == null ? List.of() : List.copyOf(defines);
        published = published == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(published));
        errors = errors == null ? List.of() : List.copyOf(errors);
    }

    public String key() {
        return Keys.rejectedMinutes(source, path);
    }

    public boolean rejected() {
        return !errors.isEmpty();
    }

    public MinutesFileState withoutPublished(String decisionId) {
        Map<String, String> rest = new TreeMap<>(published);
        rest.remove(decisionId);
        return new MinutesFileState(source, path, blob, defines, rest, errors);
    }
}
