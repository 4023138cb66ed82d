package io.decisionlog.graph.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.decisionlog.events.ChainDecision;
import io.decisionlog.events.DecisionChain;
import io.decisionlog.events.Json;
import io.decisionlog.events.Topics;
import io.decisionlog.events.errors.NotFound;
import io.decisionlog.events.evidence.EvidenceLine;
import io.decisionlog.events.tlog.MerkleTree;
import io.decisionlog.graph.store.CommitListing;
import io.decisionlog.graph.store.LogStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Writes an evidence bundle ({@link EvidenceLine}) as it reads it: the range's commits a page at a time, then the
 * decisions they name, then the log entries of those decisions' sign-offs with their inclusion proofs and the signed
 * checkpoint they lead to. What is held at once is a page of chains, the decisions' ids, and the chain digests of the
 * commits that name a decision (up to {@link #KEPT_DIGESTS}), so that a decision's line reads again only the chains
 * of its commits outside the range.
 */
@ApplicationScoped
public class EvidenceExport {
    /** About 150 bytes each: a range with more decision-naming commits reads the rest again for its decisions. */
    static final int KEPT_DIGESTS = 200_000;
    private static final ObjectWriter LINE = Json.MAPPER.writerFor(EvidenceLine.class);

    private final Chains chains;
    private final CommitListing listing;
    private final Signoffs signoffs;
    private final Decisions decisions;
    private final LogStore log;
    private final CheckpointSigner signer;
    private final Clock clock = Clock.systemUTC();

    @Inject
    public EvidenceExport(Chains chains, CommitListing listing, Signoffs signoffs, Decisions decisions, LogStore log,
                          CheckpointSigner signer) {
        this.chains = chains;
        this.listing = listing;
        this.signoffs = signoffs;
        this.decisions = decisions;
        this.log = log;
        this.signer = signer;
    }

    public void write(CommitWalk walk, OutputStream out) throws IOException {
        Writer lines = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024);
        line(lines, new EvidenceLine.Header(EvidenceLine.FORMAT, walk.repo(), walk.range().since(),
                walk.range().until(), clock.instant()));
        Set<String> named = new TreeSet<>();
        Map<String, String> digests = new HashMap<>();
        long commits = commits(walk, lines, named, digests);
        Set<String> signoffIds = new LinkedHashSet<>();
        for (String decisionId : named) {
            EvidenceLine.Decision decision = signoffs.evidence(decisionId, walk.repo(), revisions(decisionId), digests);
            decision.signoffs().forEach(signoff -> signoffIds.add(signoff.signedOff().signoffId()));
            line(lines, decision);
        }
        Proved proved = proved(signoffIds);
        for (EvidenceLine.Logged entry : proved.entries()) {
            line(lines, entry);
        }
        line(lines, new EvidenceLine.Seal(proved.checkpoint(), commits, named.size(), proved.entries().size()));
        lines.flush();
    }

    private long commits(CommitWalk walk, Writer lines, Set<String> named, Map<String, String> digests)
            throws IOException {
        long commits = 0;
        CommitListing.Cursor after = null;
        do {
            List<CommitListing.Row> rows = walk.page(listing, after);
            for (CommitListing.Row row : walk.shown(rows)) {
                DecisionChain chain = chains.read(walk.repo(), row.sha(), row.body());
                chain.decisions().stream().map(ChainDecision::decisionId).forEach(named::add);
                if (!chain.decisions().isEmpty() && digests.size() < KEPT_DIGESTS) {
                    digests.put(row.sha(), chain.digest());
                }
                line(lines, new EvidenceLine.Commit(chain.digest(), chain));
                commits++;
            }
            after = walk.after(rows);
        } while (after != null);
        return commits;
    }

    /** Log entries with their inclusion proofs, and the signed checkpoint of the tree they were proved in. */
    private record Proved(List<EvidenceLine.Logged> entries, String checkpoint) {
    }

    private Proved proved(Set<String> signoffIds) {
        List<LogStore.Entry> entries = signoffIds.isEmpty() ? List.of()
                : log.entriesOf(Topics.SIGNOFFS.name(), signoffIds);
        return log.withTree((size, nodes) -> new Proved(entries.stream().filter(entry -> entry.index() < size)
                .map(entry -> new EvidenceLine.Logged(entry.index(), entry.body(),
                        MerkleTree.inclusionProof(nodes, entry.index(), size).stream()
                                .map(hash -> Base64.getEncoder().encodeToString(hash)).toList()))
                .toList(), signer.sign(size, MerkleTree.root(nodes, size))));
    }

    private JsonNode revisions(String decisionId) {
        try {
            return Json.MAPPER.valueToTree(decisions.history(decisionId).revisions());
        } catch (NotFound noMinutes) {
            return Json.MAPPER.createArrayNode();
        }
    }

    private static void line(Writer lines, EvidenceLine line) throws IOException {
        lines.write(LINE.writeValueAsString(line));
        lines.write('\n');
    }
}
