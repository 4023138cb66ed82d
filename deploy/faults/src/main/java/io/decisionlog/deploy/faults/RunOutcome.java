package io.decisionlog.deploy.faults;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Everything the report tells: the verdict on the deliveries, what the load and the faults did, the processes'
 * logs, the rebuild comparison, the topic checks, the records of lost runs, and how long each phase took.
 */
record RunOutcome(Verdict verdict, LoadAndFaults load, StackUnderTest stack, RebuildCheck.Comparison rebuild,
                  Map<String, String> topicChecks, Map<String, List<ConsumerRecord<String, byte[]>>> runRecords,
                  Timings timings) {

    /** The load phase; the chains and the store caught up, both counted from the end of the load; the whole run. */
    record Timings(Duration load, Duration chainsCaughtUp, Duration storeCaughtUp, Duration total) {
    }

    /** Every fault done, nothing acknowledged lost or duplicated, nothing stray, store = rebuild, topics as set. */
    boolean passed(int leaderKillsPlanned) {
        return verdict.lost().isEmpty() && verdict.duplicated().isEmpty() && verdict.unexpected().isEmpty()
                && verdict.misplaced().isEmpty() && rebuild.differing().isEmpty() && faultsDone(leaderKillsPlanned)
                && TopicChecks.allHeld(topicChecks) && load.workload().failure() == null;
    }

    private boolean faultsDone(int leaderKillsPlanned) {
        Faults faults = load.faults();
        return faults.leaderKills().size() == leaderKillsPlanned && faults.graphKill() != null
                && load.faultFailure() == null;
    }
}
