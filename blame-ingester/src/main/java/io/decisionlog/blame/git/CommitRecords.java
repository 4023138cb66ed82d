package io.decisionlog.blame.git;

import io.decisionlog.events.CommitSignature;
import io.decisionlog.events.DecisionIds;
import io.decisionlog.events.GitCommit;
import io.decisionlog.events.Person;
import io.decisionlog.events.TrackedRepo;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.FooterLine;
import org.eclipse.jgit.revwalk.RevCommit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A commit as the contract has it: trailers parsed from the message's last paragraph ({@code Key: value}, several
 * values per key, as {@code git interpret-trailers} reads them), decision ids from {@code Decision:} and
 * {@code Decision-Id:} trailers.
 */
public final class CommitRecords {
    /**
     * A commit record must fit in one Kafka record (1 MB) with room to spare; no real message comes near this. Longer
     * ones are cut and say so, with how much was cut.
     */
    static final int MAX_MESSAGE_CHARS = 64 * 1024;
    static final int MAX_TRAILERS = 200;

    private final DecisionIds decisionIds;
    private final Signatures signatures;

    public CommitRecords(DecisionIds decisionIds, Signatures signatures) {
        this.decisionIds = decisionIds;
        this.signatures = signatures;
    }

    /** Commit records whose SSH signatures no trust vouches for (tests and benchmarks that do not sign). */
    public CommitRecords(DecisionIds decisionIds) {
        this(decisionIds, new Signatures(null, null));
    }

    /**
     * The commit as published, its signature checked against the registration's trust, else the global one, and
     * settled by the signed tag that covers it where there is one ({@link CommitSignature#coveredBy}).
     *
     * @param coveredBy the verdict of the signed tag that covers the commit ({@link SignedTags}); null: none does
     */
    public GitCommit of(Repository repository, TrackedRepo registration, RevCommit commit, List<String> introduced,
                        CommitSignature coveredBy) {
        GitCommit record = of(repository, registration.repo(), commit, introduced, trust(registration));
        return coveredBy == null ? record : record.withSignature(record.signature().coveredBy(coveredBy));
    }

    /** The trust a registration's commits and tags are checked against: its own where it names one, else the global. */
    public Signatures trust(TrackedRepo registration) {
        return signatures.trusting(registration.allowedSigners(), registration.pgpKeyring());
    }

    public GitCommit of(Repository repository, String repo, RevCommit commit, List<String> introduced) {
        return of(repository, repo, commit, introduced, signatures);
    }

    private GitCommit of(Repository repository, String repo, RevCommit commit, List<String> introduced,
                         Signatures trust) {
        Map<String, List<String>> trailers = trailers(commit);
        return new GitCommit(repo, commit.name(),
                Arrays.stream(commit.getParents()).map(RevCommit::name).toList(),
                person(commit.getAuthorIdent()), person(commit.getCommitterIdent()),
                commit.getAuthorIdent().getWhenAsInstant(), commit.getCommitterIdent().getWhenAsInstant(),
                bounded(commit.getShortMessage(), 1_000), bounded(commit.getFullMessage(), MAX_MESSAGE_CHARS), trailers,
                decisionIds.inTrailers(trailers), introduced, trust.of(repository, commit));
    }

    public static Map<String, List<String>> trailers(RevCommit commit) {
        Map<String, List<String>> trailers = new LinkedHashMap<>();
        List<FooterLine> footers = commit.getFooterLines();
        for (FooterLine footer : footers.subList(0, Math.min(footers.size(), MAX_TRAILERS))) {
            trailers.computeIfAbsent(bounded(footer.getKey(), 100), k -> new ArrayList<>())
                    .add(bounded(footer.getValue().trim(), 1_000));
        }
        return trailers;
    }

    static String bounded(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        return text.substring(0, max) + "… [truncated: " + (text.length() - max) + " more characters]";
    }

    private static Person person(PersonIdent ident) {
        return new Person(ident.getName(), ident.getEmailAddress());
    }
}
