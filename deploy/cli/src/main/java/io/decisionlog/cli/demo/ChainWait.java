package io.decisionlog.cli.demo;

import io.decisionlog.cli.ChainRenderer;
import io.decisionlog.cli.CliException;
import io.decisionlog.cli.Context;
import io.decisionlog.cli.Http;
import io.decisionlog.cli.TraceCommand;
import io.decisionlog.cli.Views;
import io.decisionlog.cli.demo.SampleTeam.Built;
import io.decisionlog.cli.demo.SampleTeam.Line;
import io.decisionlog.cli.demo.SampleTeam.Step;
import io.decisionlog.events.CiRun;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Waits, bounded, until decision-graph has joined each linked commit of the sample into a complete chain with the
 * run the demo sent, and its line's trace is complete; or says, per chain, what is still missing and what to do.
 */
final class ChainWait {
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);
    private static final Duration POLL_EVERY = Duration.ofSeconds(1);

    private final Context ctx;
    private final String graph;
    private final Duration timeout;

    /** A linked commit the demo waits for, and the line of it the demo traces. */
    record Target(Step step, String sha, String subject, Line line, String story) {
        String label() {
            return ChainRenderer.shortSha(sha) + " " + subject + " (" + line.label() + ")";
        }
    }

    /** A run the chain of a target must show before the demo believes it: this run id, with this update if known. */
    record ExpectedRun(String runId, Instant updatedAt) {
        boolean seenIn(List<CiRun> runs) {
            return runs.stream().anyMatch(run -> runId.equals(run.runId())
                    && (updatedAt == null || updatedAt.equals(run.updatedAt())));
        }
    }

    ChainWait(Context ctx, String graph, Duration timeout) {
        this.ctx = ctx;
        this.graph = graph;
        this.timeout = timeout;
    }

    static List<Target> targets(Built team) {
        return List.of(
                target(team, Step.RETRIES, "a Decision trailer and a deploy run whose title names the decision"),
                target(team, Step.BATCHING, "a feature branch merged with --no-ff, released by a dispatched run on the merge"),
                target(team, Step.THREE_DS, "a GitLab pipeline with a DECISION_ID variable"));
    }

    private static Target target(Built team, Step step, String story) {
        SampleTeam.Commit commit = team.commits().get(step);
        return new Target(step, commit.sha(), commit.subject(), team.lines().get(step), story);
    }

    /** @return each target's complete trace; @throws CliException when some are not complete in time */
    Map<Target, Views.Trace> await(List<Target> targets, Map<Step, ExpectedRun> expected) {
        ctx.out().println("waiting for decision-graph to join commits, runs and minutes (up to " + timeout.toSeconds() + " s)");
        long started = System.nanoTime();
        long deadline = started + timeout.toNanos();
        long nextProgress = started + PROGRESS_EVERY.toNanos();
        Map<Target, Views.Trace> done = new LinkedHashMap<>();
        Map<Target, List<String>> pending = new LinkedHashMap<>();
        while (true) {
            checkPending(targets, expected, done, pending);
            long now = System.nanoTime();
            if (done.size() == targets.size()) {
                ctx.out().printf("all %d chains complete after %d s%n", targets.size(),
                        Duration.ofNanos(now - started).toSeconds());
                return done;
            }
            // an ambiguous dispatch never resolves by waiting: more dispatches only add candidates
            boolean ambiguous = pending.values().stream().flatMap(List::stream).anyMatch(ChainWait::isAmbiguity);
            if (now >= deadline || ambiguous) {
                throw CliException.notFound(incomplete(pending, ambiguous ? "now" : "after " + timeout.toSeconds() + " s"));
            }
            if (now >= nextProgress) {
                ctx.err().printf("waiting for chains: %d/%d complete%n", done.size(), targets.size());
                nextProgress = now + PROGRESS_EVERY.toNanos();
            }
            DemoLoad.pause(POLL_EVERY);
        }
    }

    private void checkPending(List<Target> targets, Map<Step, ExpectedRun> expected, Map<Target, Views.Trace> done,
                              Map<Target, List<String>> pending) {
        for (Target target : targets) {
            if (!done.containsKey(target)) {
                List<String> missing = new ArrayList<>();
                Views.Trace trace = check(target, expected.get(target.step()), missing);
                if (trace != null) {
                    done.put(target, trace);
                    pending.remove(target);
                } else {
                    pending.put(target, missing);
                }
            }
        }
    }

    static boolean isAmbiguity(String missing) {
        return missing.startsWith("dispatch for ") && missing.contains(" is ambiguous");
    }

    /** What is still missing, per chain, with what to do about it. */
    static String incomplete(Map<Target, List<String>> pending, String when) {
        StringBuilder message = new StringBuilder("these chains are not complete " + when + ":");
        pending.forEach((target, missing) -> {
            message.append("\n  ").append(target.label());
            missing.forEach(m -> message.append("\n    missing: ").append(m));
        });
        if (pending.values().stream().flatMap(List::stream).anyMatch(ChainWait::isAmbiguity)) {
            message.append("\n  an earlier demo's workflow_dispatch is still inside decision-graph's dispatch window"
                    + " (decisionlog.graph.dispatch-window, 2 minutes): run ./decisionlog demo again once it has passed");
        }
        message.append("\n  the services' logs: ./decisionlog logs decision-graph (or blame-ingester, minutes-ingester,"
                + " ci-audit-ingester)");
        return message.toString();
    }

    /** The line's trace once the commit's chain is complete; else null, with what is missing. */
    private Views.Trace check(Target target, ExpectedRun expected, List<String> missing) {
        try {
            Http.Response response = ctx.http().get("decision-graph", graph + "/api/v1/commits/"
                    + Http.encode(SampleTeam.REPO) + "/" + target.sha());
            if (response.status() == 404) {
                missing.add("decision-graph does not know the commit yet (" + response.message() + ")");
                return null;
            }
            if (!response.ok()) {
                missing.add("decision-graph answered " + response.status() + ": " + response.message());
                return null;
            }
            Views.Chain chain = Views.chain(response.body());
            if (expected != null && !expected.seenIn(chain.ciRuns())) {
                // until then the chain may be one an earlier demo run left
                missing.add("decision-graph has not joined run " + expected.runId() + " yet");
                return null;
            }
            if (!chain.complete()) {
                missing.addAll(chain.missing().isEmpty() ? List.of("the chain is not complete yet") : chain.missing());
                return null;
            }
            Views.Trace trace = Views.trace(TraceCommand.fetch(ctx.http(), graph, SampleTeam.REPO,
                    new TraceCommand.Target(target.line().path(), target.line().line()), false).body());
            if (!trace.complete()) {
                missing.addAll(trace.missing().isEmpty() ? List.of("the trace of " + target.line().label()
                        + " is not complete yet") : trace.missing());
                return null;
            }
            return trace;
        } catch (CliException e) {
            missing.add(e.getMessage());
            return null;
        }
    }
}
