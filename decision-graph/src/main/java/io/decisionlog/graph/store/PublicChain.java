package io.decisionlog.graph.store;

import io.decisionlog.events.CommitSignature;
import io.decisionlog.events.DecisionChain;
import io.decisionlog.events.GitCommit;
import io.decisionlog.events.Person;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A chain as answers show it by default: author and committer by name, and no e-mail address anywhere, not in the
 * message nor in its trailers ({@code Signed-off-by: Ada <ada@example.com>} reads {@code Signed-off-by: Ada}).
 */
public final class PublicChain {
    /**
     * An address with its angle brackets when it has them: {@code <a@b.c>} or {@code a@b.c}. Possessive throughout, so
     * a long message cannot make it backtrack.
     */
    private static final Pattern EMAIL = Pattern.compile(
            "\\s*+<?[A-Za-z0-9._%+-]++@[A-Za-z0-9-]++(?:\\.[A-Za-z0-9-]++)++>?");

    private PublicChain() {
    }

    public static DecisionChain withoutEmails(DecisionChain chain) {
        GitCommit c = chain.commit();
        if (c == null) {
            return chain;
        }
        GitCommit commit = new GitCommit(c.repo(), c.sha(), c.parents(), nameOnly(c.author()), nameOnly(c.committer()),
                c.authoredAt(), c.committedAt(), withoutEmails(c.subject()), withoutEmails(c.message()),
                trailersWithoutEmails(c.trailers()), c.decisionIds(), c.introduced(), signatureWithoutEmails(c.signature()));
        return new DecisionChain(commit, chain.ciRuns(), chain.decisions(), chain.complete(), chain.missing());
    }

    /** An allowed-signers principal is often an address: the signer keeps only what is not one. */
    private static CommitSignature signatureWithoutEmails(CommitSignature signature) {
        return signature == null ? null : new CommitSignature(signature.format(), withoutEmails(signature.signer()),
                signature.keyFingerprint(), signature.status(), withoutEmails(signature.reason()));
    }

    static String withoutEmails(String text) {
        // most messages hold no address at all, and the pattern tries every word of them
        return text == null || text.indexOf('@') < 0 ? text : EMAIL.matcher(text).replaceAll("");
    }

    private static Map<String, List<String>> trailersWithoutEmails(Map<String, List<String>> trailers) {
        Map<String, List<String>> cleaned = new LinkedHashMap<>();
        trailers.forEach((key, values) -> cleaned.put(key, values.stream().map(PublicChain::withoutEmails).toList()));
        return cleaned;
    }

    private static Person nameOnly(Person person) {
        return person == null ? null : new Person(person.name(), null);
    }
}
