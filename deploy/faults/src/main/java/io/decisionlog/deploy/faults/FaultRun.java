package io.decisionlog.deploy.faults;

import com.fasterxml.jackson.databind.JsonNode;
import io.decisionlog.events.DecisionChain;
import io.decisionlog.events.Topics;
import org.apache.kafka.clients.admin.Admin;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Issue #8, faults on one machine: a 3-node KRaft cluster (separate broker processes, each broker and controller),
 * PostgreSQL, the ci-audit-ingester and two decision-graph instances (one Streams application, one store group), all
 * on 127.0.0.1. While CI deliveries and pushes stream in, the leader of decisionlog.ci.runs.v1 is killed (-9) and
 * restarted several times and one decision-graph instance is killed for good. Then, once the chains and the store
 * have caught up: every delivery that got a 202 must be in the final chains exactly once and in the store exactly
 * once, and the store must equal a rebuild from scratch.
 * <p>
 * Exit code 0 when nothing acknowledged was lost or duplicated and every other check held; 1 when a check failed;
 * 2 when the run itself could not be carried out (see the message). Every process it starts is stopped at the end,
 * also on SIGTERM; bench/faults.sh runs it under a timeout.
 */
public final class FaultRun {
    private final Settings settings;
    private final PidFile pids;
    private final HttpClient http;
    private final StackUnderTest stack;
    private final LoadAndFaults load;
    private final Rig rig;

    private FaultRun(Settings settings) {
        this.settings = settings;
        this.rig = new Rig(settings, StackUnderTest.Shape.FAULTS);
        this.pids = rig.pids();
        this.http = rig.http();
        this.stack = rig.stack();
        this.load = rig.load();
    }

    public static void main(String[] args) {
        Program.main("fault run", args, Settings::parse, settings -> {
            FaultRun run = new FaultRun(settings);
            return new Program(run::execute, run::teardown);
        });
    }

    private int execute() throws Exception {
        long started = System.nanoTime();
        Preflight.prepare(settings, StackUnderTest.Shape.FAULTS);
        String token = "dl_faultrun-" + UUID.randomUUID();
        stack.start(token);

        GraphApi survivor = new GraphApi(http, stack.graphB().port(), token);
        int projected = Topics.BLAME.partitions() + Topics.CHAINS.partitions() + Topics.MINUTES.partitions();
        load.prepare(stack, pids, http, token);
        // graph a is killed, b must take over every partition of its store projection
        load.run(() -> load.faults().run(stack.graphA(), survivor, projected));

        SurvivorStore store = new SurvivorStore(survivor, projected);
        CatchUp catchUp = new CatchUp(settings, stack.cluster(), store);
        Set<String> commitKeys = load.acknowledgedCommits();
        long catchUpStart = System.nanoTime();
        catchUp.awaitChains(load.acknowledgedRuns(), commitKeys);
        Duration chainsCaughtUp = Duration.ofNanos(System.nanoTime() - catchUpStart);
        Map<String, DecisionChain> chains = catchUp.readChains();
        Map<String, Optional<JsonNode>> stored = catchUp.awaitStore(commitKeys, load.pushes().pushed(), chains);
        Duration storeCaughtUp = Duration.ofNanos(System.nanoTime() - catchUpStart);

        RebuildCheck.Comparison rebuild = RebuildCheck.run(store, commitKeys, load.pushes().pushed(), stored);
        Map<String, String> topicChecks;
        try (Admin admin = stack.cluster().admin()) {
            topicChecks = TopicChecks.check(admin, stack.cluster().bootstrapServers());
        }
        Verdict verdict = new Verdict(load.deliveries(), load.plan(), chains, stored, commitKeys);
        RunOutcome outcome = new RunOutcome(verdict, load, stack, rebuild, topicChecks,
                LostRunRecords.of(verdict.lost(), load.deliveries(), stack.cluster().bootstrapServers()),
                new RunOutcome.Timings(load.loadTime(), chainsCaughtUp, storeCaughtUp,
                        Duration.ofNanos(System.nanoTime() - started)));
        return Report.print(settings, outcome);
    }

    private void teardown() {
        rig.teardown();
    }
}
