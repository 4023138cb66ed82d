package io.decisionlog.deploy.faults;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * The traffic during the faults, paced at a fixed rate: CI deliveries, each run on a planned commit, and the
 * commits themselves (pushes) written before or after their runs. Runs until {@link #stop()}.
 */
final class Workload implements Runnable {
    private final Plan plan;
    private final CiDeliveries deliveries;
    private final Pushes pushes;
    private final double rate;
    private final Thread thread = new Thread(this, "workload");
    private volatile boolean running = true;
    private volatile int started;
    private volatile Throwable failure;

    Workload(Plan plan, CiDeliveries deliveries, Pushes pushes, double rate) {
        this.plan = plan;
        this.deliveries = deliveries;
        this.pushes = pushes;
        this.rate = rate;
    }

    void start() {
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void run() {
        long begin = System.nanoTime();
        try {
            for (int i = 0; running; i++) {
                long due = begin + (long) (i * 1_000_000_000L / rate);
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                if (!running) {
                    break;
                }
                int commit = plan.commitOf(i);
                if (plan.firstRunOfCommit(i) && plan.pushedBeforeRuns(commit)) {
                    pushes.push(plan.commit(commit));
                }
                Plan.Run run = plan.run(i);
                deliveries.submit(run, plan.delivery(run));
                started = i + 1;
                if (plan.lastRunOfCommit(i) && !plan.pushedBeforeRuns(commit)) {
                    pushes.push(plan.commit(commit));
                }
            }
        } catch (Throwable e) {
            failure = e;
            Console.say("the workload stopped: %s", e);
        }
    }

    /** Stops starting deliveries; pushes the commits of runs already sent whose push was still to come. */
    void stop() throws InterruptedException {
        running = false;
        thread.join(Duration.ofSeconds(30).toMillis());
        int sent = started;
        for (int i = 0; i < sent; i++) {
            pushes.push(plan.commit(plan.commitOf(i)));
        }
    }

    int started() {
        return started;
    }

    Throwable failure() {
        return failure;
    }
}
