package io.decisionlog.graph.topology;

import io.decisionlog.events.CiDispatch;
import io.decisionlog.events.CiRun;
import io.decisionlog.events.DecisionIds;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * When a GitHub {@code workflow_dispatch} delivery caused a run: same provider, repository, workflow path, ref
 * (the dispatch's {@code refs/heads/main} is the run's {@code main}) and sender/actor, and the run started
 * ({@code started_at}, else {@code updated_at}) within the window after the delivery was received. The first
 * five make the correlation group, so a group holds only the dispatches and runs that could match each other.
 */
final class DispatchRule {
    static final String DISPATCH_EVENT = "workflow_dispatch";
    private static final String BRANCH_REF = "refs/heads/";

    private final Duration window;
    private final DecisionIds ids;

    DispatchRule(Duration window, DecisionIds ids) {
        this.window = window;
        this.ids = ids;
    }

    static boolean isDispatched(CiRun run) {
        return run != null && DISPATCH_EVENT.equals(run.event());
    }

    static String group(CiDispatch dispatch) {
        return CompositeKey.of(text(dispatch.provider()), text(dispatch.repo()), text(dispatch.workflowPath()),
                branch(dispatch.ref()), text(dispatch.sender()));
    }

    static String group(CiRun run) {
        return CompositeKey.of(text(run.provider()), text(run.repo()), text(run.workflowPath()),
                branch(run.headBranch()), text(run.actor()));
    }

    /** Same group assumed: does the run's start fall within the window after the dispatch? */
    boolean matches(CiDispatch dispatch, CiRun run) {
        Instant received = dispatch.receivedAt();
        Instant started = run.startedAt() != null ? run.startedAt() : run.updatedAt();
        return received != null && started != null
                && !started.isBefore(received) && !started.isAfter(received.plus(window));
    }

    /** The decision ids a dispatch carries: its normalized ids and a {@code decision_id} input, valid ones only. */
    List<String> decisionIds(CiDispatch dispatch) {
        Set<String> found = new LinkedHashSet<>();
        dispatch.decisionIds().stream().filter(ids::isId).map(String::trim).forEach(found::add);
        String input = dispatch.inputs().get("decision_id");
        if (ids.isId(input)) {
            found.add(input.trim());
        }
        return List.copyOf(found);
    }

    private static String branch(String ref) {
        String value = text(ref);
        return value.startsWith(BRANCH_REF) ? value.substring(BRANCH_REF.length()) : value;
    }

    private static String text(String value) {
        return Objects.toString(value, "");
    }
}
