package io.decisionlog.deploy.faults;

import com.fasterxml.jackson.databind.JsonNode;
import io.decisionlog.events.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** The run's verdict on stdout: PASS or FAIL, a line per figure, then what went missing or astray and where. */
final class Report {
    private final Settings settings;
    private final RunOutcome outcome;

    private Report(Settings settings, RunOutcome outcome) {
        this.settings = settings;
        this.outcome = outcome;
    }

    /** Prints the report; returns the exit code, 0 when the run passed, 1 when it did not. */
    static int print(Settings settings, RunOutcome outcome) {
        return new Report(settings, outcome).print();
    }

    private int print() {
        boolean pass = outcome.passed(settings.leaderKills());
        System.out.println();
        System.out.println("=== fault run: " + (pass ? "PASS" : "FAIL") + " ===");
        deliveries();
        checks();
        faults();
        services();
        timings();
        explainAll();
        System.out.println("logs: " + outcome.stack().services().stream().map(s -> s.log().toString())
                .collect(Collectors.joining(", ")) + ", " + settings.dataDir().resolve("kafka") + "/node-*/broker.log");
        return pass ? 0 : 1;
    }

    private void deliveries() {
        Verdict verdict = outcome.verdict();
        CiDeliveries deliveries = outcome.load().deliveries();
        Pushes pushes = outcome.load().pushes();
        line("sent (distinct (repo, run id) POSTed)", verdict.sent());
        line("acknowledged (202)", verdict.accepted());
        line("acknowledged (200: already recorded, on a retry)", verdict.alreadyRecorded());
        line("not acknowledged (gave up after 503s)", verdict.gaveUp().size()
                + "  — of these in the chains: " + verdict.gaveUpInChains());
        line("rejected (4xx) / never answered", verdict.rejected() + " / " + verdict.pending());
        line("HTTP answers over all attempts", deliveries.answers() + ", timeouts " + deliveries.timeouts()
                + ", connection errors " + deliveries.connectionErrors() + ", retries " + deliveries.retried());
        line("commits pushed / acknowledged", pushes.pushed().size() + " / " + pushes.acknowledged().size()
                + " (failed sends retried: " + pushes.failedSends() + ")");
    }

    private void checks() {
        Verdict verdict = outcome.verdict();
        RebuildCheck.Comparison rebuild = outcome.rebuild();
        line("in chains (acknowledged, exactly once)", verdict.inChains());
        line("stored (acknowledged, exactly once)", verdict.stored());
        line("lost (acknowledged, not in chains or store)", verdict.lost().size() + "   (must be 0)");
        line("duplicated (more than once)", verdict.duplicated().size() + "   (must be 0)");
        line("unexpected (in chains, never sent)", verdict.unexpected().size());
        line("misplaced (in another commit's chain)", verdict.misplaced().size());
        line("chains / stored commits", verdict.chainCount() + " / "
                + rebuild.stored().values().stream().filter(Optional::isPresent).count());
        line("store = rebuild from scratch", rebuild.differing().isEmpty()
                ? "yes, " + rebuild.rebuilt().size() + " commits equal JSON"
                : rebuild.differing().size() + " of " + rebuild.rebuilt().size() + " commits differ");
    }

    private void faults() {
        List<Faults.LeaderKill> kills = outcome.load().faults().leaderKills();
        Faults.GraphKill graphKill = outcome.load().faults().graphKill();
        line("leader kills done", kills.size() + " of " + settings.leaderKills());
        for (Faults.LeaderKill kill : kills) {
            line("  kill " + kill.number() + " at " + kill.killedAt(), "node " + kill.node() + " (led partitions "
                    + kill.ledPartitions() + "): failover " + Console.seconds(kill.failover()) + ", restart "
                    + Console.seconds(kill.restart()) + ", back in every ISR " + Console.seconds(kill.inSync()));
        }
        line("decision-graph killed", graphKill == null ? "no" : graphKill.name() + " (pid " + graphKill.pid() + ") at "
                + graphKill.killedAt() + "; survivor held all store partitions after "
                + (graphKill.survivorHadAllPartitionsAfter() == null ? "?"
                : Console.seconds(graphKill.survivorHadAllPartitionsAfter())));
    }

    private void services() {
        for (ServiceProcess graph : outcome.stack().graphs()) {
            long shutdowns = graph.linesContaining("opted to SHUTDOWN_CLIENT");
            String down = outcome.load().liveness().firstDown().get(graph.name());
            line("Streams client of " + graph.name() + " shut down by an error",
                    shutdowns == 0 && down == null ? "no" : "YES: " + shutdowns + " \"opted to SHUTDOWN_CLIENT\" in its log"
                            + (down == null ? "" : "; /q/health/live DOWN, " + down));
        }
        outcome.topicChecks().forEach(Report::line);
        line("ci-audit-ingester 503 answers logged", outcome.stack().services().get(0).linesContaining("answering 503"));
        for (ServiceProcess service : outcome.stack().services()) {
            line("ERROR lines in " + service.name() + ".log", service.errorLines());
        }
    }

    private void timings() {
        RunOutcome.Timings timings = outcome.timings();
        line("load / chains caught up / store caught up", Console.seconds(timings.load()) + " / "
                + Console.seconds(timings.chainsCaughtUp()) + " after the load / "
                + Console.seconds(timings.storeCaughtUp()) + " after the load");
        line("time taken", Console.seconds(timings.total()));
        if (outcome.load().faultFailure() != null) {
            line("faults not carried out", outcome.load().faultFailure().toString());
        }
        if (outcome.load().workload().failure() != null) {
            line("workload failed", outcome.load().workload().failure().toString());
        }
    }

    private void explainAll() {
        Verdict verdict = outcome.verdict();
        explain("lost", verdict.lost());
        explain("duplicated", verdict.duplicated());
        explain("unexpected", verdict.unexpected());
        explain("misplaced", verdict.misplaced());
        RebuildCheck.Comparison rebuild = outcome.rebuild();
        List<String> differing = rebuild.differing();
        for (String key : differing.subList(0, Math.min(3, differing.size()))) {
            System.out.println("  store differs from the rebuild for " + key + ":\n    before: "
                    + rebuild.stored().get(key).map(JsonNode::toString).orElse("404") + "\n    after:  "
                    + rebuild.rebuilt().get(key).map(JsonNode::toString).orElse("404"));
        }
    }

    private void explain(String what, Set<String> ids) {
        if (ids.isEmpty()) {
            return;
        }
        System.out.println(what + " (up to 10 of " + ids.size() + "):");
        ids.stream().sorted().limit(10).forEach(id -> System.out.println("  " + id + ": " + whereabouts(id)));
    }

    /** What became of one run: its delivery's answers, its commit's push, where it is and is not. */
    private String whereabouts(String id) {
        CiDeliveries.Delivery delivery = outcome.load().deliveries().byId().get(id);
        String commitKey = delivery == null ? "?" : delivery.run.commitKey();
        List<ConsumerRecord<String, byte[]>> records = outcome.runRecords().getOrDefault(id, List.of());
        return (delivery == null ? "never sent" : delivery.outcome + " after " + delivery.attempts
                + " attempts (last: " + delivery.lastAnswer + ")")
                + "; commit " + commitKey + " pushed " + outcome.load().pushes().acknowledged().contains(commitKey)
                + "; in chains " + outcome.verdict().chainTimes(id) + "x, in store " + outcome.verdict().storeTimes(id) + "x"
                + (records.isEmpty() ? "" : "; in " + Topics.CI_RUNS.name() + " at " + records.stream()
                .map(r -> r.partition() + "@" + r.offset()).toList());
    }

    private static void line(String label, Object value) {
        System.out.printf("  %-50s %s%n", label, value);
    }
}
