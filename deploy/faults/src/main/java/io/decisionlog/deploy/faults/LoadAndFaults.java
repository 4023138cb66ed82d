package io.decisionlog.deploy.faults;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The fault phase: CI deliveries and pushes at a fixed rate, a warm-up, the kills, a tail of load; then every
 * delivery's final answer and every push's acknowledgement. What was acknowledged is what the checks hold the
 * services to.
 */
final class LoadAndFaults implements AutoCloseable {
    private final Settings settings;
    private CiDeliveries deliveries;
    private Pushes pushes;
    private LivenessWatch liveness;
    private Plan plan;
    private Workload workload;
    private Faults faults;
    private Duration loadTime;
    private Exception faultFailure;
    private Set<String> acknowledgedRuns;
    private Set<String> acknowledgedCommits;

    LoadAndFaults(Settings settings) {
        this.settings = settings;
    }

    /** Sets up the senders, the faults and the liveness watch; each is closed by {@link #close()} once made. */
    void prepare(StackUnderTest stack, PidFile pids, HttpClient http, String token) {
        plan = new Plan(UUID.randomUUID().toString().substring(0, 8), settings.runsPerCommit(), settings.repos());
        deliveries = new CiDeliveries(http, stack.ingesters().stream().map(ServiceProcess::port).toList(), token,
                settings.giveUpAfter());
        pushes = new Pushes(stack.cluster().bootstrapServers());
        workload = new Workload(plan, deliveries, pushes, settings.rate());
        faults = new Faults(stack.cluster(), pids, settings);
        liveness = new LivenessWatch(http, List.of(stack.graphA(), stack.graphB()));
    }

    /** What happens to the stack while the load runs: the kills. */
    interface Phase {
        void carryOut() throws Exception;
    }

    /** Runs the load with the faults in it, then waits for the deliveries' and pushes' final answers. */
    void run(Phase faultPhase) throws InterruptedException {
        Console.say("load: %.0f CI deliveries/s (%d runs per commit, pushes before or after their runs); %s warm-up",
                settings.rate(), settings.runsPerCommit(), Console.seconds(settings.warmUp()));
        long loadStart = System.nanoTime();
        workload.start();
        Faults.sleep(settings.warmUp());
        try {
            faultPhase.carryOut();
        } catch (Exception e) {
            faultFailure = e;
            Console.say("the faults could not all be carried out: %s", e.getMessage());
        }
        Faults.sleep(settings.tail());
        workload.stop();
        loadTime = Duration.ofNanos(System.nanoTime() - loadStart);
        Console.say("load stopped after %s: %d deliveries started; waiting for their final answers",
                Console.seconds(loadTime), workload.started());
        awaitAnswers();
    }

    private void awaitAnswers() {
        boolean settled = deliveries.awaitSettled(settings.giveUpAfter().plusSeconds(30));
        boolean pushed = pushes.awaitAll(Duration.ofSeconds(150));
        Console.say("deliveries settled: %s (%d pending); pushes acknowledged: %d of %d%s", settled, deliveries.pending(),
                pushes.acknowledged().size(), pushes.pushed().size(), pushed ? "" : " (some still pending)");
        acknowledgedRuns = deliveries.all().stream()
                .filter(d -> d.outcome == CiDeliveries.Outcome.ACCEPTED || d.outcome == CiDeliveries.Outcome.ALREADY_RECORDED)
                .map(d -> d.run.id()).collect(Collectors.toSet());
        acknowledgedCommits = new HashSet<>(pushes.acknowledged());
    }

    /** The (repo, run id)s answered 202, or 200 on a retry, once every delivery had its final answer. */
    Set<String> acknowledgedRuns() {
        return acknowledgedRuns;
    }

    /** The commit keys whose push Kafka acknowledged, once the pushes were done. */
    Set<String> acknowledgedCommits() {
        return acknowledgedCommits;
    }

    Plan plan() {
        return plan;
    }

    CiDeliveries deliveries() {
        return deliveries;
    }

    Pushes pushes() {
        return pushes;
    }

    Workload workload() {
        return workload;
    }

    Faults faults() {
        return faults;
    }

    LivenessWatch liveness() {
        return liveness;
    }

    /** How long the load ran, warm-up and tail included. */
    Duration loadTime() {
        return loadTime;
    }

    /** Why the faults were not all carried out; null when they were. */
    Exception faultFailure() {
        return faultFailure;
    }

    @Override
    public void close() {
        if (liveness != null) {
            liveness.close();
        }
        if (deliveries != null) {
            deliveries.close();
        }
        if (pushes != null) {
            try {
                pushes.close();
            } catch (RuntimeException ignored) {
                // the cluster goes next anyway
            }
        }
    }
}
