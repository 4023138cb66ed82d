package io.decisionlog.deploy.faults;

import com.fasterxml.jackson.databind.JsonNode;
import io.decisionlog.deploy.local.Wait;
import io.decisionlog.events.DecisionChain;
import io.decisionlog.events.GitCommit;
import io.decisionlog.events.Topics;

import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Issue #23, scale-out on one machine: a 3-node KRaft cluster, PostgreSQL, two ci-audit-ingesters (deliveries taken
 * in turn, as a load balancer would), two blame-ingesters (one holds the lease and syncs, {@link LeaseFailover}), two
 * decision-graph instances with one standby replica per task. While CI deliveries and pushes stream in, the lease's
 * holder is killed (-9) and the other must take over and sync; then, with decision-graph's tasks spread over both
 * instances, one instance is killed (-9) and the other must take over every task (timed: reassigned, producing again,
 * store following) while a reader's queries to it are answered throughout; then every acknowledged delivery must be in
 * the chains and the store exactly once.
 * <p>
 * Exit code 0 when every check held; 1 when one failed; 2 when the run could not be carried out.
 */
public final class ScaleOutRun {
    /**
     * decision-graph as deploy/k8s runs it, a standby copy of every task on the other instance (its 10 s consumer
     * sessions are its defaults); and a 5 s transaction timeout (Streams' default is 10 s), since the killed instance's
     * open transaction holds back every read_committed reader of its partitions until the broker aborts it: moved tasks
     * produced again 1.4-4.3 s after they were reassigned, against ~9 s at 10 s.
     */
    static final String GRAPH_OPTIONS = "-Dkafka-streams.num.standby.replicas=1"
            + " -Dkafka-streams.producer.transaction.timeout.ms=5000";
    static final StackUnderTest.Shape SHAPE = new StackUnderTest.Shape(2, 2, GRAPH_OPTIONS);
    /** Defaults of its own: other ports and data than the fault run's, no broker kills, a tail for the takeover. */
    static final List<String> DEFAULTS = List.of("--kafka-port", "29192", "--controller-port", "29195",
            "--postgres-port", "25533", "--ingester-port", "28181", "--graph-ports", "28180,28190",
            "--leader-kills", "0", "--warm-up", "20", "--tail", "15", "--rate", "12");

    private final Settings settings;
    private final PidFile pids;
    private final HttpClient http;
    private final StackUnderTest stack;
    private final LoadAndFaults load;
    private final Rig rig;
    /** The reader's queries to the survivor, from just before the kill; null until then. */
    private volatile QueryWatch queries;

    ScaleOutRun(Settings settings) {
        this.settings = settings;
        this.rig = new Rig(settings, SHAPE);
        this.pids = rig.pids();
        this.http = rig.http();
        this.stack = rig.stack();
        this.load = rig.load();
    }

    /** The settings from the defaults above, then {@code args} (which win), the data under target/scale-out-run. */
    static Settings settings(String... args) {
        List<String> all = new ArrayList<>(DEFAULTS);
        all.addAll(List.of(args));
        if (!all.contains("--data-dir")) {
            Path root = Settings.parse(all.toArray(String[]::new)).root();
            all.addAll(0, List.of("--data-dir", root.resolve("deploy/faults/target/scale-out-run").toString()));
        }
        return Settings.parse(all.toArray(String[]::new));
    }

    public static void main(String[] args) {
        Program.main("scale-out run", args, ScaleOutRun::settings, settings -> {
            ScaleOutRun run = new ScaleOutRun(settings);
            return new Program(run::executeAndReport, run::teardown);
        });
    }

    /** Carries the run out and prints its report; 0 when every check held, 1 otherwise. */
    private int executeAndReport() throws Exception {
        ScaleOutOutcome outcome = execute();
        System.out.println();
        System.out.print(outcome.report());
        return outcome.failures().isEmpty() ? 0 : 1;
    }

    ScaleOutOutcome execute() throws Exception {
        long started = System.nanoTime();
        Preflight.prepare(settings, SHAPE);
        String token = "dl_scaleout-" + UUID.randomUUID();
        stack.start(token);

        GraphApi survivor = new GraphApi(http, stack.graphB().port(), token);
        int projected = Topics.BLAME.partitions() + Topics.CHAINS.partitions() + Topics.MINUTES.partitions();
        load.prepare(stack, pids, http, token);
        Takeover takeover = new Takeover(stack.cluster());
        LeaseFailover lease = new LeaseFailover(http, token,
                LeaseFailover.createRepository(stack.localRepositories()));
        load.run(() -> {
            lease.run(stack.blameIngesters(), survivor);
            queries = watchQueries(survivor, token);
            takeover.run(stack.graphA(), survivor, projected);
        });
        Optional.ofNullable(queries).ifPresent(QueryWatch::close);

        SurvivorStore store = new SurvivorStore(survivor, projected);
        CatchUp catchUp = new CatchUp(settings, stack.cluster(), store);
        Set<String> commitKeys = load.acknowledgedCommits();
        catchUp.awaitChains(load.acknowledgedRuns(), commitKeys);
        Map<String, DecisionChain> chains = catchUp.readChains();
        Map<String, Optional<JsonNode>> stored = catchUp.awaitStore(commitKeys, load.pushes().pushed(), chains);
        Verdict verdict = new Verdict(load.deliveries(), load.plan(), chains, stored, commitKeys);
        return new ScaleOutOutcome(verdict, takeover.measured(), lease.measured(), queries, load,
                Duration.ofNanos(System.nanoTime() - started));
    }

    /** A reader asking the survivor for a commit it already stores, from before the kill until the load is over. */
    private QueryWatch watchQueries(GraphApi survivor, String token) {
        GitCommit[] known = new GitCommit[1];
        Wait.until("a commit in the survivor's store", Duration.ofSeconds(60), () -> {
            for (String key : load.pushes().acknowledged()) {
                GitCommit commit = load.pushes().pushed().get(key);
                if (commit != null && store(survivor, commit)) {
                    known[0] = commit;
                    return true;
                }
            }
            return false;
        });
        return new QueryWatch(http, stack.graphB(), token, known[0].repo(), known[0].sha());
    }

    private static boolean store(GraphApi survivor, GitCommit commit) {
        try {
            return survivor.commit(commit.repo(), commit.sha()).isPresent();
        } catch (RuntimeException notNow) {
            return false;
        }
    }

    void teardown() {
        rig.teardown();
    }
}
