package io.decisionlog.deploy.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** What the scale-out run showed, the checks it holds the stack to, and its report on stdout. */
record ScaleOutOutcome(Verdict verdict, Takeover.Measured takeover, LeaseFailover.Measured lease, QueryWatch queries,
                       LoadAndFaults load, Duration total) {

    /** Each check that did not hold, said plainly; empty when the run passed. */
    List<String> failures() {
        List<String> failures = new ArrayList<>();
        if (load.faultFailure() != null) {
            failures.add("the kill could not be carried out: " + load.faultFailure().getMessage());
        }
        leaseFailures(failures);
        if (takeover == null) {
            failures.add("decision-graph's takeover was not carried out");
            return failures;
        }
        if (takeover.before().membersWithWork() != 2) {
            failures.add("the tasks were not spread over both instances: " + takeover.before());
        }
        require(failures, takeover.reassigned(), "every task reassigned to the survivor");
        require(failures, takeover.producing(), "the moved tasks producing chains again");
        require(failures, takeover.storeFollowing(), "the survivor's store following every partition");
        if (takeover.moved().isEmpty()) {
            failures.add("no task moved: the killed instance held none");
        }
        if (queries == null || queries.asked() == 0) {
            failures.add("no query was asked of the survivor");
        } else if (!queries.failures().isEmpty()) {
            failures.add(queries.failures().size() + " of " + queries.asked() + " queries to the survivor failed: "
                    + queries.failures().subList(0, Math.min(5, queries.failures().size())));
        }
        if (verdict.accepted() == 0) {
            failures.add("no delivery was acknowledged");
        }
        check(failures, verdict.lost().isEmpty(), "acknowledged runs lost: " + verdict.lost());
        check(failures, verdict.duplicated().isEmpty(), "runs in the chains or the store more than once: "
                + verdict.duplicated());
        check(failures, verdict.unexpected().isEmpty(), "runs never sent in the chains: " + verdict.unexpected());
        check(failures, verdict.misplaced().isEmpty(), "runs in another commit's chain: " + verdict.misplaced());
        return failures;
    }

    private void leaseFailures(List<String> failures) {
        if (lease == null) {
            failures.add("the blame-ingesters' failover was not carried out");
            return;
        }
        check(failures, lease.standbyRefusal() == 503, "the standby blame-ingester answered a sync with "
                + lease.standbyRefusal() + ", not 503");
        require(failures, lease.takeover(), "blame-ingester taking the lease over");
        require(failures, lease.nextCommitInGraph(), "commit synced by the new lease holder in decision-graph");
        check(failures, lease.bothReady() == 0, "both blame-ingesters ready (holding the lease) in "
                + lease.bothReady() + " of " + lease.samples() + " samples");
    }

    private static void require(List<String> failures, Optional<Duration> measured, String what) {
        if (measured.isEmpty()) {
            failures.add("no " + what + " within the time allowed");
        }
    }

    private static void check(List<String> failures, boolean held, String otherwise) {
        if (!held) {
            failures.add(otherwise);
        }
    }

    /** The report: PASS or FAIL, a line per figure, then each failed check. */
    String report() {
        List<String> failures = failures();
        StringBuilder out = new StringBuilder("=== scale-out run: " + (failures.isEmpty() ? "PASS" : "FAIL") + " ===\n");
        line(out, "deliveries sent / acknowledged", verdict.sent() + " / " + (verdict.accepted() + verdict.alreadyRecorded()));
        line(out, "chains checked (commits) / runs in them", verdict.chainCount() + " / " + verdict.inChains());
        line(out, "lost / duplicated / misplaced", verdict.lost().size() + " / " + verdict.duplicated().size() + " / "
                + verdict.misplaced().size());
        if (lease != null) {
            line(out, "blame lease: holder killed / taken over by", lease.firstHolder() + " / " + lease.secondHolder());
            line(out, "blame lease: standby's answer to a sync", lease.standbyRefusal());
            line(out, "blame lease: taken over after", Timed.show(lease.takeover()));
            line(out, "blame lease: next commit in decision-graph after", Timed.show(lease.nextCommitInGraph()));
            line(out, "blame lease: samples with both ready", lease.bothReady() + " of " + lease.samples());
        }
        if (takeover != null) {
            line(out, "tasks before the kill", takeover.before().toString());
            line(out, "tasks moved by the kill", takeover.moved().toString());
            line(out, "takeover: every task reassigned", Timed.show(takeover.reassigned()));
            line(out, "takeover: moved tasks producing again", Timed.show(takeover.producing()));
            line(out, "takeover: store following every partition", Timed.show(takeover.storeFollowing()));
        }
        if (queries != null) {
            line(out, "queries to the survivor: asked / failed", queries.asked() + " / " + queries.failures().size()
                    + " (p99 " + queries.p99Millis() + " ms, slowest " + queries.maxMillis() + " ms)");
        }
        line(out, "run time", Console.seconds(total));
        failures.forEach(failure -> out.append("FAILED: ").append(failure).append('\n'));
        return out.toString();
    }

    private static void line(StringBuilder out, String what, Object value) {
        out.append(String.format("  %-48s %s%n", what, value));
    }
}
