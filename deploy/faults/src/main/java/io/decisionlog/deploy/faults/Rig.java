package io.decisionlog.deploy.faults;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.Executors;

/**
 * What a run (FaultRun, ScaleOutRun) starts and must stop: the pid file of its processes, its HTTP client, the stack
 * of services and the load; {@link #teardown()} stops them once, whoever calls it first (the run or SIGTERM's hook).
 */
final class Rig {
    private final PidFile pids;
    private final HttpClient http;
    private final StackUnderTest stack;
    private final LoadAndFaults load;
    private boolean tornDown;

    Rig(Settings settings, StackUnderTest.Shape shape) {
        this.pids = new PidFile(settings.dataDir().resolve("pids"));
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(3)).executor(Executors.newFixedThreadPool(4, DaemonThreads.named("http")))
                .build();
        this.stack = new StackUnderTest(settings, shape, pids, http);
        this.load = new LoadAndFaults(settings);
    }

    PidFile pids() {
        return pids;
    }

    HttpClient http() {
        return http;
    }

    StackUnderTest stack() {
        return stack;
    }

    LoadAndFaults load() {
        return load;
    }

    synchronized void teardown() {
        if (tornDown) {
            return;
        }
        tornDown = true;
        load.close();
        stack.stop();
        Console.say("stopped every process this run started");
    }
}
