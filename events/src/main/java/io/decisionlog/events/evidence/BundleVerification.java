package io.decisionlog.events.evidence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import io.decisionlog.events.ChainDigest;
import io.decisionlog.events.CommitSignature;
import io.decisionlog.events.DecisionChain;
import io.decisionlog.events.DecisionDigest;
import io.decisionlog.events.Json;
import io.decisionlog.events.LogEntry;
import io.decisionlog.events.SignoffEvent;
import io.decisionlog.events.Topics;
import io.decisionlog.events.signing.AllowedSigners;
import io.decisionlog.events.signing.SshVerdict;
import io.decisionlog.events.tlog.Checkpoint;
import io.decisionlog.events.tlog.MerkleTree;
import io.decisionlog.events.tlog.NoteKeys;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Checks an evidence bundle offline, trusting only the log's verifier key and the stewards' allowed signers: every
 * chain hashes to its digest, every decision digest is made of its minutes and its commits' digests, every sign-off's
 * state follows from them and its signature is the steward's, every sign-off is in the log, every log entry is in the
 * signed checkpoint, and no line was added or removed. Each problem names its line. One pass, holding only the
 * commits' digests and the sign-offs, so a year of a busy repository checks in little memory.
 */
public final class BundleVerification {
    /** The longest line read: a chain with thousands of runs fits; a line without an end does not exhaust memory. */
    public static final int MAX_LINE_CHARS = 64 * 1024 * 1024;
    private static final ObjectReader LINE = Json.MAPPER.readerFor(EvidenceLine.class);

    /** What holds, what is worth knowing, and what does not hold. */
    public record Report(List<String> holds, List<String> notes, List<String> problems) {
        public boolean ok() {
            return problems.isEmpty();
        }
    }

    private final NoteKeys.Verifier key;
    private final AllowedSigners stewards;
    private final List<String> problems = new ArrayList<>();
    private final Map<String, Numbered<String>> commitDigests = new HashMap<>();
    private final Map<String, Integer> commitSignatures = new TreeMap<>();
    private final Map<SignoffEvent, Integer> signoffEvents = new LinkedHashMap<>();
    private final List<Numbered<EvidenceLine.Logged>> logged = new ArrayList<>();
    private EvidenceLine.Header header;
    private EvidenceLine.Seal seal;
    private Checkpoint checkpoint;
    private int line;
    private long decisions;
    private long outsideRange;
    private long signaturesChecked;
    private long signaturesUnchecked;

    private record Numbered<T>(int line, T value) {
    }

    private BundleVerification(NoteKeys.Verifier key, AllowedSigners stewards) {
        this.key = key;
        this.stewards = stewards;
    }

    /** @param stewards the allowed signers of stewards' keys, or null to leave sign-off signatures unchecked */
    public static Report verify(Reader bundle, NoteKeys.Verifier key, AllowedSigners stewards) {
        BundleVerification verification = new BundleVerification(key, stewards);
        verification.read(bundle);
        return verification.report();
    }

    private void read(Reader bundle) {
        BoundedLines lines = new BoundedLines(bundle, MAX_LINE_CHARS);
        for (String text = lines.next(); text != null; text = lines.next()) {
            line++;
            if (seal != null) {
                problem("there is more after the seal: a bundle ends with its seal");
                return;
            }
            if (text.isBlank()) {
                continue;
            }
            if (text.length() > MAX_LINE_CHARS) {
                problem("longer than " + MAX_LINE_CHARS + " characters: not a line of a bundle");
                continue;
            }
            EvidenceLine parsed = parse(text);
            if (header == null) {
                if (!(parsed instanceof EvidenceLine.Header first && EvidenceLine.FORMAT.equals(first.format()))) {
                    if (parsed != null) {
                        problem("not an evidence bundle: it starts with " + EvidenceLine.FORMAT + "'s header");
                    }
                    return;
                }
                header = first;
            } else if (parsed != null) {
                take(parsed);
            }
        }
    }

    private EvidenceLine parse(String text) {
        try {
            return LINE.readValue(text);
        } catch (JsonProcessingException e) {
            problem("not a line of an evidence bundle: " + e.getOriginalMessage());
            return null;
        }
    }

    private void take(EvidenceLine parsed) {
        if (parsed instanceof EvidenceLine.Commit commit) {
            commit(commit);
        } else if (parsed instanceof EvidenceLine.Decision decision) {
            decision(decision);
        } else if (parsed instanceof EvidenceLine.Logged entry) {
            logged.add(new Numbered<>(line, entry));
        } else if (parsed instanceof EvidenceLine.Seal s) {
            seal(s);
        } else {
            problem("a second header");
        }
    }

    private void commit(EvidenceLine.Commit commit) {
        DecisionChain chain = commit.chain();
        if (chain == null || chain.commit() == null || chain.commit().sha() == null) {
            problem("a commit line without its commit");
            return;
        }
        String sha = chain.commit().sha();
        if (!header.repo().equals(chain.commit().repo())) {
            problem("commit " + sha + " is of " + chain.commit().repo() + ", not of " + header.repo());
        }
        String recomputed = ChainDigest.of(chain);
        if (!recomputed.equals(commit.digest())) {
            problem("commit " + sha + ": its chain's facts digest to " + recomputed + ", the line says " + commit.digest()
                    + " (changed after export)");
        }
        if (commitDigests.put(sha, new Numbered<>(line, commit.digest())) != null) {
            problem("commit " + sha + " is in the bundle twice");
        }
        CommitSignature signature = chain.commit().signature();
        commitSignatures.merge(signature == null ? "none" : signature.status().name().toLowerCase(Locale.ROOT), 1,
                Integer::sum);
    }

    private void decision(EvidenceLine.Decision decision) {
        decisions++;
        String id = decision.decisionId();
        Map<String, String> digests = new HashMap<>();
        for (EvidenceLine.ChainRef ref : decision.chains() == null ? List.<EvidenceLine.ChainRef>of() : decision.chains()) {
            digests.put(ref.sha(), ref.digest());
            Numbered<String> own = commitDigests.get(ref.sha());
            if (own == null) {
                outsideRange++;
            } else if (!own.value().equals(ref.digest())) {
                problem("decision " + id + " names commit " + ref.sha() + " with digest " + ref.digest()
                        + ", but its commit line (line " + own.line() + ") says " + own.value());
            }
        }
        String recomputed = DecisionDigest.ofDigests(id, decision.repo(), decision.minutes(), digests);
        if (!recomputed.equals(decision.digest())) {
            problem("decision " + id + ": its minutes and commits digest to " + recomputed + ", the line says "
                    + decision.digest() + " (changed after export)");
        }
        for (EvidenceLine.Signoff signoff : decision.signoffs() == null ? List.<EvidenceLine.Signoff>of()
                : decision.signoffs()) {
            signoff(decision, signoff);
        }
    }

    private void signoff(EvidenceLine.Decision decision, EvidenceLine.Signoff signoff) {
        SignoffEvent.SignedOff given = signoff.signedOff();
        if (given == null) {
            problem("decision " + decision.decisionId() + ": a sign-off without what was signed");
            return;
        }
        String about = "sign-off " + given.signoffId() + " of " + decision.decisionId() + " by " + given.steward();
        if (!decision.decisionId().equals(given.decisionId()) || !decision.repo().equals(given.repo())) {
            problem(about + " is of " + given.decisionId() + " in " + given.repo() + ", not of this decision");
        }
        String state = signoff.revoked() != null ? "revoked" : given.digest().equals(decision.digest()) ? "current"
                : "stale";
        if (!state.equals(signoff.state())) {
            problem(about + " is " + state + " by the digests, the line says " + signoff.state());
        }
        signature(about, given);
        signoffEvents.put(given, line);
        if (signoff.revoked() != null) {
            signoffEvents.put(signoff.revoked(), line);
        }
    }

    private void signature(String about, SignoffEvent.SignedOff given) {
        if (given.signature() == null) {
            return;
        }
        if (stewards == null) {
            signaturesUnchecked++;
            return;
        }
        SshVerdict verdict = SshVerdict.check(given.signature().armored(), given.digest().getBytes(StandardCharsets.UTF_8),
                SignoffEvent.StewardSignature.NAMESPACE, given.steward(), stewards, given.at());
        if (!verdict.verified()) {
            problem(about + ": the signature is not the steward's over " + given.digest() + ": " + verdict.reason());
        } else if (!verdict.keyFingerprint().equals(given.signature().keyFingerprint())) {
            problem(about + ": the signature is by key " + verdict.keyFingerprint() + ", the line says "
                    + given.signature().keyFingerprint());
        } else {
            signaturesChecked++;
        }
    }

    private void seal(EvidenceLine.Seal s) {
        seal = s;
        try {
            checkpoint = Checkpoint.open(s.checkpoint(), key);
        } catch (IllegalArgumentException | NullPointerException e) {
            problem("the checkpoint does not verify with " + key.encoded() + ": " + e.getMessage());
        }
        count("commits", s.commits(), commitDigests.size());
        count("decisions", s.decisions(), decisions);
        count("log entries", s.logEntries(), logged.size());
    }

    private void count(String what, long sealed, long seen) {
        if (sealed != seen) {
            problem("the seal counts " + sealed + " " + what + ", the bundle holds " + seen
                    + " (lines added or removed)");
        }
    }

    private Report report() {
        if (header == null) {
            return new Report(List.of(), List.of(), problems);
        }
        if (seal == null) {
            line++;
            problem("the bundle ends without its seal: it was cut short");
        }
        Map<SignoffEvent, Long> inLog = checkpoint == null ? Map.of() : includedSignoffs();
        signoffEvents.forEach((event, at) -> {
            if (checkpoint != null && !inLog.containsKey(event)) {
                problems.add("line " + at + ": " + describe(event) + " is not in the log as the bundle has it "
                        + "(no log entry holds this record: changed, or never logged)");
            }
        });
        return new Report(holds(), notes(), problems);
    }

    /** The sign-off records the log entries hold, by entry, once each entry is proved in the checkpoint. */
    private Map<SignoffEvent, Long> includedSignoffs() {
        Map<SignoffEvent, Long> found = new HashMap<>();
        for (Numbered<EvidenceLine.Logged> numbered : logged) {
            EvidenceLine.Logged entry = numbered.value();
            String where = "line " + numbered.line() + ": log entry " + entry.index();
            byte[] leaf = MerkleTree.leafHash(entry.body().getBytes(StandardCharsets.UTF_8));
            if (!MerkleTree.verifyInclusion(leaf, entry.index(), checkpoint.size(), hashes(entry.proof()),
                    checkpoint.root())) {
                problems.add(where + " is not in the signed checkpoint (its body or its proof changed)");
                continue;
            }
            SignoffEvent event = signoffIn(entry.body());
            if (event == null) {
                problems.add(where + " is not a sign-off: the bundle logs only sign-offs");
            } else {
                found.put(event, entry.index());
            }
        }
        return found;
    }

    private static SignoffEvent signoffIn(String body) {
        try {
            LogEntry entry = Json.MAPPER.readValue(body, LogEntry.class);
            return Topics.SIGNOFFS.name().equals(entry.source())
                    ? Json.MAPPER.treeToValue(entry.record(), SignoffEvent.class) : null;
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return null;
        }
    }

    private static List<byte[]> hashes(List<String> proof) {
        List<byte[]> hashes = new ArrayList<>();
        try {
            (proof == null ? List.<String>of() : proof).forEach(hash -> hashes.add(Base64.getDecoder().decode(hash)));
        } catch (IllegalArgumentException e) {
            return List.of();
        }
        return hashes;
    }

    private List<String> holds() {
        List<String> holds = new ArrayList<>();
        if (checkpoint != null) {
            holds.add("the checkpoint of " + checkpoint.origin() + " (" + checkpoint.size() + " entries) is signed by "
                    + key.encoded());
        }
        holds.add(commitDigests.size() + " commits of " + header.repo() + " from " + header.since() + " to "
                + header.until() + ": each chain's facts hash to the digest the bundle gives");
        holds.add(decisions + " decisions: each digest recomputed from its minutes and its commits' digests");
        holds.add(signoffEvents.size() + " sign-off records, each in the log" + (logged.isEmpty() ? ""
                : " (" + logged.size() + " entries proved in the checkpoint)") + ", their states as the digests say"
                + (signaturesChecked > 0 ? "; " + signaturesChecked + " signatures are the stewards' own" : ""));
        return holds;
    }

    private List<String> notes() {
        List<String> notes = new ArrayList<>();
        notes.add("commit signatures as the blame-ingester found them: " + commitSignatures);
        if (outsideRange > 0) {
            notes.add(outsideRange + " commits the decisions name are outside the range: their digests are taken as "
                    + "given, vouched for only by the sign-offs that name them");
        }
        if (signaturesUnchecked > 0) {
            notes.add(signaturesUnchecked + " sign-off signatures were not checked: give --allowed-signers");
        }
        return notes;
    }

    private void problem(String what) {
        problems.add("line " + line + ": " + what);
    }

    private static String describe(SignoffEvent event) {
        return (event instanceof SignoffEvent.Revoked ? "the revocation of sign-off " : "sign-off ")
                + event.signoffId() + " of " + event.decisionId();
    }

    /** Lines of at most {@code max} characters; a longer one is returned cut at max + 1 and skipped to its end. */
    private static final class BoundedLines {
        private final Reader in;
        private final int max;
        private boolean ended;

        BoundedLines(Reader in, int max) {
            this.in = in.markSupported() ? in : new java.io.BufferedReader(in);
            this.max = max;
        }

        String next() {
            if (ended) {
                return null;
            }
            StringBuilder text = new StringBuilder();
            try {
                for (int c = in.read(); ; c = in.read()) {
                    if (c == -1) {
                        ended = true;
                        return text.isEmpty() ? null : text.toString();
                    }
                    if (c == '\n') {
                        return text.toString();
                    }
                    if (text.length() <= max) {
                        text.append((char) c);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the bundle: " + e.getMessage(), e);
            }
        }
    }
}
