package io.decisionlog.graph.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.decisionlog.events.DecisionChain;
import io.decisionlog.events.Json;
import io.decisionlog.events.errors.BadRequest;
import io.decisionlog.events.errors.NotFound;
import io.decisionlog.graph.config.ApiConfig;
import io.decisionlog.graph.store.ChainRow;
import io.decisionlog.graph.store.LineAt;
import io.decisionlog.graph.store.PublicChain;
import io.decisionlog.graph.store.StoredChain;
import io.decisionlog.graph.store.TraceParts;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Reads stored chains back as the topology wrote them, minus what the API does not show (e-mails, unless configured). */
@ApplicationScoped
public class Chains {
    private final boolean exposeEmails;
    private final ObjectMapper answers;

    @Inject
    public Chains(ApiConfig config, ObjectMapper answers) {
        this.exposeEmails = config.exposeEmails();
        this.answers = answers;
    }

    /** True when a trace needs the chain's JSON: the stored trace parts have no e-mail addresses. */
    public boolean traceNeedsBody() {
        return exposeEmails;
    }

    /**
     * What the trace of {@code at} shows of its chain: the parts the projection rendered, when they are stored and
     * e-mails stay hidden; else rendered now from the chain's JSON (or from "commit not known" when there is none).
     */
    public TraceParts traceParts(LineAt at) {
        StoredChain stored = at.chain();
        if (stored == null) {
            return TraceParts.of(TraceView.unknownCommit(at.sha()), answers);
        }
        if (stored.parts() != null && !exposeEmails) {
            return stored.parts();
        }
        return TraceParts.of(read(stored), answers);
    }

    /** The chain of a trace's line, or null when decision-graph has not seen the commit. */
    public DecisionChain of(LineAt at) {
        return at.chain() == null ? null : read(at.chain());
    }

    public Optional<DecisionChain> of(String repo, String sha) {
        return ChainRow.of(repo, sha).map(row -> read(row.repo, row.sha, row.body));
    }

    public List<DecisionChain> of(String repo, Collection<String> shas) {
        return ChainRow.of(repo, shas).stream().map(row -> read(row.repo, row.sha, row.body)).toList();
    }

    /** The chains of the commits decision-graph has seen, by sha (a commit it has not seen has none). */
    public Map<String, DecisionChain> bySha(String repo, Collection<String> shas) {
        return of(repo, Set.copyOf(shas)).stream()
                .collect(Collectors.toMap(chain -> chain.commit().sha(), Function.identity()));
    }

    /** A commit's full sha from a unique prefix of at least 7 hex digits, else a 400/404 that says why. */
    public String expand(String repo, String sha) {
        String prefix = sha.toLowerCase();
        if (!prefix.matches("[0-9a-f]{7,40}")) {
            throw new BadRequest("'" + sha + "' is not a commit sha (7 to 40 hex digits)");
        }
        List<String> matches = ChainRow.shasStartingWith(repo, prefix, 3);
        if (matches.isEmpty()) {
            throw new NotFound("no commit " + sha + " of " + repo + " is known to decision-graph");
        }
        if (matches.size() > 1 && !matches.contains(prefix)) {
            throw new BadRequest("'" + sha + "' matches several commits of " + repo + " (" + String.join(", ", matches)
                    + (matches.size() == 3 ? ", …" : "") + "); give more digits");
        }
        return matches.contains(prefix) ? prefix : matches.get(0);
    }

    private DecisionChain read(StoredChain stored) {
        return read(stored.repo(), stored.sha(), stored.body());
    }

    /** A chain as the store holds it, as the API shows it (addresses left out unless configured otherwise). */
    DecisionChain read(String repo, String sha, String body) {
        try {
            DecisionChain chain = Json.MAPPER.readValue(body, DecisionChain.class);
            return exposeEmails ? chain : PublicChain.withoutEmails(chain);
        } catch (IOException e) {
            throw new UncheckedIOException("stored chain of " + repo + "@" + sha + " is unreadable", e);
        }
    }
}
