package io.decisionlog.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.decisionlog.events.CiRun;
import io.decisionlog.events.DecisionMinutes;
import io.decisionlog.events.GateRules;
import io.decisionlog.events.GitCommit;
import io.decisionlog.events.Json;
import io.decisionlog.events.Person;
import io.decisionlog.events.WireFormat;

import java.time.Instant;
import java.util.List;

/**
 * What decision-graph's query API answers, read leniently: the records of {@code events} where the contract has
 * them, {@code via} as plain strings (a via added later still reads), unknown fields ignored.
 */
public final class Views {
    private static final ObjectMapper MAPPER = Json.MAPPER.copy()
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    private Views() {
    }

    /** A decision on a commit or line, every path that linked it, its minutes or null. */
    @WireFormat
    public record Decision(String decisionId, List<String> via, DecisionMinutes minutes) {
        public Decision {
            via = via == null ? List.of() : via.stream().filter(v -> v != null && !v.isBlank()).toList();
        }
    }

    /** {@code GET /api/v1/commits/{repo}/{sha}}: one commit's chain. */
    @WireFormat
    public record Chain(GitCommit commit, List<CiRun> ciRuns, List<Decision> decisions, boolean complete,
                        List<String> missing, List<Signoff> signoffs) {
        public Chain {
            ciRuns = ciRuns == null ? List.of() : List.copyOf(ciRuns);
            decisions = decisions == null ? List.of() : List.copyOf(decisions);
            missing = missing == null ? List.of() : List.copyOf(missing);
            signoffs = signoffs == null ? List.of() : List.copyOf(signoffs);
        }
    }

    /** A steward's sign-off of one of the chain's decisions, as the chain shows it: current, stale or revoked. */
    @WireFormat
    public record Signoff(String decisionId, String steward, String state, String comment, Instant signedAt,
                          StewardSignature signature) {
    }

    /** The SSH key a sign-off was signed with. */
    @WireFormat
    public record StewardSignature(String keyFingerprint) {
    }

    /** Which commit wrote a line, and where the line was when it was written. */
    @WireFormat
    public record Blame(String sha, String origPath, Integer origLine, Person author, Instant authoredAt,
                        Instant committedAt, String subject) {
    }

    /** {@code GET /api/v1/trace?repo=&path=&line=}: one line's chain. */
    @WireFormat
    public record Trace(String repo, String path, Integer line, String text, String rev, Blame blame,
                        List<CiRun> ciRuns, List<Decision> decisions, boolean complete, List<String> missing,
                        List<Signoff> signoffs) {
        public Trace {
            ciRuns = ciRuns == null ? List.of() : List.copyOf(ciRuns);
            decisions = decisions == null ? List.of() : List.copyOf(decisions);
            missing = missing == null ? List.of() : List.copyOf(missing);
            signoffs = signoffs == null ? List.of() : List.copyOf(signoffs);
        }
    }

    /** {@code GET /api/v1/trace/history}: every commit that changed a line, each with its chain. */
    @WireFormat
    public record History(String repo, String path, Integer line, String rev, boolean complete,
                          List<HistoryChange> changes) {
        public History {
            changes = changes == null ? List.of() : List.copyOf(changes);
        }
    }

    /** One commit of a line's history, the lines followed after it, and its chain (null when not seen). */
    @WireFormat
    public record HistoryChange(String sha, String path, int firstLine, int lastLine, List<String> text, Chain chain) {
        public HistoryChange {
            text = text == null ? List.of() : List.copyOf(text);
        }
    }

    /** {@code POST /api/v1/gate}: each decision's verdict. */
    @WireFormat
    public record GateAnswer(String repo, List<String> statuses, List<GateVerdict> decisions) {
        public GateAnswer {
            statuses = statuses == null ? List.of() : List.copyOf(statuses);
            decisions = decisions == null ? List.of() : List.copyOf(decisions);
        }
    }

    /** Whether a decision counts for the gate; when not, the reason in words. */
    @WireFormat
    public record GateVerdict(String decisionId, boolean counts, String status, String title, String minutesPath,
                              String reason, List<String> signedOffBy) {
        public GateVerdict {
            signedOffBy = signedOffBy == null ? List.of() : List.copyOf(signedOffBy);
        }
    }

    /** {@code GET /api/v1/gate/policy}: the gate rules a registration sets, or none. */
    @WireFormat
    public record GatePolicyAnswer(String repo, GateRules gate) {
    }

    public static GatePolicyAnswer gatePolicy(String json) {
        return read(json, GatePolicyAnswer.class, "gate policy");
    }

    public static GateAnswer gate(String json) {
        return read(json, GateAnswer.class, "gate answer");
    }

    public static History history(String json) {
        return read(json, History.class, "line history");
    }

    public static Trace trace(String json) {
        return read(json, Trace.class, "trace");
    }

    public static Chain chain(String json) {
        return read(json, Chain.class, "commit chain");
    }

    private static <T> T read(String json, Class<T> type, String what) {
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new CliException(Exit.NOT_FOUND, "decision-graph answered a " + what + " this client cannot read: "
                    + e.getOriginalMessage());
        }
    }
}
