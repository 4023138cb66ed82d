package io.decisionlog.ciaudit.ingest;

import io.decisionlog.events.CiDispatch;
import io.decisionlog.events.CiRun;

/** What a delivery becomes: a run, a dispatch, or nothing (with the reason, for the answer and the log). */
public sealed interface Normalized {

    record Run(CiRun run) implements Normalized {
    }

    record Dispatch(CiDispatch dispatch) implements Normalized {
    }

    record Ignored(String reason) implements Normalized {
    }
}
