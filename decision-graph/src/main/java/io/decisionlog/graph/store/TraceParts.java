package io.decisionlog.graph.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.decisionlog.events.ChainDecision;
import io.decisionlog.events.CiRun;
import io.decisionlog.events.DecisionChain;
import io.decisionlog.events.GitCommit;
import io.decisionlog.events.Person;

import java.time.Instant;
import java.util.List;

/**
 * What a trace answer shows of a chain, as two JSON objects written by the mapper the API answers with:
 * {@code commit} holds the blame's author, committer, authored_at, committed_at and subject; {@code links} the
 * answer's ci_runs, decisions, complete and missing. The projection stores them without e-mail addresses
 * ({@code chain.trace_commit}, {@code chain.trace_links}), so a trace copies them into its answer as they are.
 */
public record TraceParts(String commit, String links) {

    /**
     * Renders the parts of {@code chain} as it is (pass it through {@link PublicChain#withoutEmails} to hide the
     * addresses); a chain without a commit gives a commit of nulls.
     */
    public static TraceParts of(DecisionChain chain, ObjectMapper json) {
        GitCommit c = chain.commit();
        Commit commit = c == null ? new Commit(null, null, null, null, null)
                : new Commit(c.author(), c.committer(), c.authoredAt(), c.committedAt(), c.subject());
        Links links = new Links(chain.ciRuns(), chain.decisions(), chain.complete(), chain.missing());
        try {
            return new TraceParts(json.writeValueAsString(commit), json.writeValueAsString(links));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot render the chain of " + (c == null ? "no commit" : c.sha()), e);
        }
    }

    // the components, in order, of the answer's blame after sha, orig_path and orig_line (api/TraceView.Blame)
    private record Commit(Person author, Person committer, Instant authoredAt, Instant committedAt, String subject) {
    }

    // the components, in order, that close the answer (api/TraceView)
    private record Links(List<CiRun> ciRuns, List<ChainDecision> decisions, boolean complete, List<String> missing) {
    }
}
