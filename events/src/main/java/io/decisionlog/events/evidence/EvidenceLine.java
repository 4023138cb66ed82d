package io.decisionlog.events.evidence;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.JsonNode;
import io.decisionlog.events.DecisionChain;
import io.decisionlog.events.DecisionMinutes;
import io.decisionlog.events.SignoffEvent;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * One line of an evidence bundle ({@code GET /api/v1/evidence}, JSON Lines): a header, every commit of the range with
 * its chain, every decision those commits name with its sign-offs, the log entries of those sign-offs with their
 * inclusion proofs, and a seal — the signed checkpoint the proofs lead to and how many lines of each kind came before,
 * so a bundle cut short or with lines removed says so. {@link BundleVerification} checks it offline.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = EvidenceLine.Header.class, name = "header"),
        @JsonSubTypes.Type(value = EvidenceLine.Commit.class, name = "commit"),
        @JsonSubTypes.Type(value = EvidenceLine.Decision.class, name = "decision"),
        @JsonSubTypes.Type(value = EvidenceLine.Logged.class, name = "log_entry"),
        @JsonSubTypes.Type(value = EvidenceLine.Seal.class, name = "seal")})
public sealed interface EvidenceLine {
    String FORMAT = "decisionlog-evidence/1";

    /** What the bundle covers: a repository's commits on its branch committed from {@code since} to {@code until}. */
    record Header(String format, String repo, LocalDate since, LocalDate until, Instant exportedAt)
            implements EvidenceLine {
    }

    /** A commit's chain and the digest its facts had when exported (docs/chain-digest.md). */
    record Commit(String digest, DecisionChain chain) implements EvidenceLine {
    }

    /**
     * A decision the range's commits name, as its sign-offs see it in the repository: its minutes now, the chain digest
     * of every commit that names it (in the range or not), the decision digest they make, every sign-off with its
     * state, and the minutes' revisions (oldest first) for the reader.
     */
    record Decision(String decisionId, String repo, String digest, DecisionMinutes minutes, List<ChainRef> chains,
                    List<Signoff> signoffs, JsonNode revisions) implements EvidenceLine {
    }

    /** A commit of a decision's chain, by the digest of its own chain. */
    record ChainRef(String sha, String digest) {
    }

    /** A sign-off as given, its revocation if any, and its state: current, stale or revoked. */
    record Signoff(String state, SignoffEvent.SignedOff signedOff, SignoffEvent.Revoked revoked) {
    }

    /** An entry of the transparency log, its bytes exactly, and its inclusion proof in the seal's checkpoint. */
    record Logged(long index, String body, List<String> proof) implements EvidenceLine {
    }

    /** The last line: the log's signed checkpoint (C2SP signed note) and the number of lines of each kind before it. */
    record Seal(String checkpoint, long commits, long decisions, long logEntries) implements EvidenceLine {
    }
}
