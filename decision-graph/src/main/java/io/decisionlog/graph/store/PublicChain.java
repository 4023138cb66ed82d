package io.decisionlog.graph.store;

import io.decisionlog.events.DecisionChain;
import io.decisionlog.events.GitCommit;
import io.decisionlog.events.Person;

/** A chain as answers show it by default: author and committer by name, without their e-mail addresses. */
public final class PublicChain {
    private PublicChain() {
    }

    public static DecisionChain withoutEmails(DecisionChain chain) {
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
