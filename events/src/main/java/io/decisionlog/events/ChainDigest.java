package io.decisionlog.events;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.decisionlog.events.json.Jcs;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * The digest of a chain's facts: SHA-256 over their RFC 8785 canonical JSON, {@code sha256:<hex>}. The same facts give
 * the same digest on any machine and after any replay of the topics, and what a steward signs off names it. Which
 * facts, and why those: docs/chain-digest.md. The commit is its sha (which pins its message, author and tree) and its
 * signature's verdict, so the digest is the same with and without the people's addresses the public API leaves out.
 * {@code complete} and {@code missing} are conclusions drawn from these facts, not facts: left out, so that what a
 * chain concludes from its sign-offs (a missing one) never changes the digest the sign-off names.
 */
public final class ChainDigest {
    static final int VERSION = 1;

    private ChainDigest() {
    }

    public static String of(DecisionChain chain) {
        return of(facts(chain));
    }

    /** {@code sha256:} and the hex SHA-256 of the facts' RFC 8785 canonical form. */
    static String of(ObjectNode facts) {
        return "sha256:" + HexFormat.of().formatHex(sha256(Jcs.canonical(facts)));
    }

    /** The facts hashed, as JSON: also what an auditor recomputes the digest from. */
    public static ObjectNode facts(DecisionChain chain) {
        ObjectNode facts = Json.MAPPER.createObjectNode();
        facts.put("v", VERSION);
        commit(facts.putObject("commit"), chain.commit());
        ArrayNode runs = facts.putArray("ci_runs");
        chain.ciRuns().stream().sorted(Comparator.comparing(CiRun::key)).forEach(run -> run(runs.addObject(), run));
        ArrayNode decisions = facts.putArray("decisions");
        chain.decisions().stream().sorted(Comparator.comparing(ChainDecision::decisionId))
                .forEach(decision -> decision(decisions.addObject(), decision));
        return facts;
    }

    private static void commit(ObjectNode out, GitCommit commit) {
        if (commit == null) {
            return;
        }
        out.put("repo", commit.repo());
        out.put("sha", commit.sha());
        CommitSignature signature = commit.signature();
        if (signature != null) {
            ObjectNode signed = out.putObject("signature");
            signed.put("format", signature.format());
            signed.put("key_fingerprint", signature.keyFingerprint());
            signed.put("status", signature.status().name().toLowerCase(Locale.ROOT));
            if (signature.tag() != null) {
                signed.put("tag", signature.tag());
            }
        }
    }

    private static void run(ObjectNode out, CiRun run) {
        out.put("provider", run.provider());
        out.put("repo", run.repo());
        out.put("run_id", run.runId());
        out.put("attempt", run.attempt());
        out.put("head_sha", run.headSha());
        out.put("workflow", run.workflow());
        out.put("event", run.event());
        out.put("status", run.status());
        out.put("conclusion", run.conclusion());
        strings(out.putArray("decision_ids"), run.decisionIds().stream().sorted().toList());
    }

    private static void decision(ObjectNode out, ChainDecision decision) {
        out.put("decision_id", decision.decisionId());
        strings(out.putArray("via"), decision.via().stream().map(Via::wireName).sorted().toList());
        if (decision.minutes() != null) {
            minutes(out.putObject("minutes"), decision.minutes());
        }
    }

    static void minutes(ObjectNode m, DecisionMinutes minutes) {
        m.put("status", minutes.status());
        m.put("title", minutes.title());
        m.put("decision", minutes.decision());
        m.put("rationale", minutes.rationale());
        if (minutes.meeting() != null) {
            m.put("source_repo", minutes.meeting().sourceRepo());
            m.put("path", minutes.meeting().path());
            m.put("minutes_commit", minutes.meeting().commit());
        }
    }

    private static void strings(ArrayNode out, List<String> values) {
        values.forEach(out::add);
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
