package io.decisionlog.ciaudit.ingest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The inputs that carried a run's decision context (GitLab's variables, Jenkins' parameters), as the chain shows
 * them: these names only. Other variables are not copied: they hold tokens and passwords as often as not.
 */
final class DecisionInputs {
    static final List<String> NAMES = List.of("DECISION_ID", "DECISION_REASON", "REASON");

    private DecisionInputs() {
    }

    /** The named inputs present, each capped; {@code value} answers a name with its value or null. */
    static Map<String, String> of(Function<String, String> value) {
        Map<String, String> inputs = new LinkedHashMap<>();
        for (String name : NAMES) {
            String found = value.apply(name);
            if (found != null) {
                inputs.put(name, Fields.cap(found));
            }
        }
        return inputs;
    }
}
