package io.decisionlog.minutes.sync;

import io.decisionlog.events.DecisionMinutes;
import io.decisionlog.events.RejectedMinutes;
import io.decisionlog.events.MinutesFileState;
import io.decisionlog.events.MinutesSourceState;

/** Where a sync's records go: Kafka in the service, a list in unit tests. A null value is a tombstone. */
public interface Publisher {

    Publication begin();

    /** The records of one sync, sent as they come and acknowledged all together by {@link #await()}. */
    interface Publication {
        void decision(String decisionId, DecisionMinutes minutes);

        void rejection(String key, RejectedMinutes rejected);

        void file(String key, MinutesFileState file);

        void source(String source, MinutesSourceState record);

        /** @throws RuntimeException when any record was not acknowledged; the sync then changes no state */
        void await();
    }
}
