package io.decisionlog.graph.api;

import io.decisionlog.events.DecisionChain;
import io.decisionlog.events.GitCommit;
import io.decisionlog.events.Json;
import io.decisionlog.events.Person;
import io.decisionlog.graph.store.ChainRow;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Reads stored chains back as the topology wrote them, minus what the API does not show (e-mails, unless configured). */
@ApplicationScoped
public class Chains {
    private final boolean exposeEmails;

    @Inject
    public Chains(ApiConfig config) {
        this.exposeEmails = config.exposeEmails();
    }

    public Optional<DecisionChain> of(String repo, String sha) {
        return ChainRow.of(repo, sha).map(this::read);
    }

    public List<DecisionChain> of(String repo, Collection<String> shas) {
        return ChainRow.of(repo, shas).stream().map(this::read).toList();
    }

    /** A commit's full sha from a unique prefix of at least 7 hex digits, else a 400/404 that says why. */
    public String expand(String repo, String sha) {
        String prefix = sha.toLowerCase();
        if (!prefix.matches("[0-9a-f]{7,40}")) {
            throw ApiProblem.badRequest("'" + sha + "' is not a commit sha (7 to 40 hex digits)");
        }
        List<String> matches = ChainRow.shasStartingWith(repo, prefix, 3);
        if (matches.isEmpty()) {
            throw ApiProblem.notFound("no commit " + sha + " of " + repo + " is known to decision-graph");
        }
        if (matches.size() > 1 && !matches.contains(prefix)) {
            throw ApiProblem.badRequest("'" + sha + "' matches several commits of " + repo + " (" + String.join(", ", matches)
                    + (matches.size() == 3 ? ", …" : "") + "); give more digits");
        }
        return matches.contains(prefix) ? prefix : matches.get(0);
    }

    private DecisionChain read(ChainRow row) {
        try {
            DecisionChain chain = Json.MAPPER.readValue(row.body, DecisionChain.class);
            return exposeEmails ? chain : withoutEmails(chain);
        } catch (IOException e) {
            throw new UncheckedIOException("stored chain of " + row.repo + "@" + row.sha + " is unreadable", e);
        }
    }

    private static DecisionChain withoutEmails(DecisionChain chain) {
        GitCommit c = chain.commit();
        if (c == null) {
            return chain;
        }
        GitCommit commit = new GitCommit(c.repo(), c.sha(), c.parents(), nameOnly(c.author()), nameOnly(c.committer()),
                c.authoredAt(), c.committedAt(), c.subject(), c.message(), c.trailers(), c.decisionIds(), c.introduced());
        return new DecisionChain(commit, chain.ciRuns(), chain.decisions(), chain.complete(), chain.missing());
    }

    private static Person nameOnly(Person person) {
        return person == null ? null : new Person(person.name(), null);
    }
}
