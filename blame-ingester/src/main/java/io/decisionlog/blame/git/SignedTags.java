package io.decisionlog.blame.git;

import io.decisionlog.events.CommitSignature;
import io.decisionlog.events.CommitSignature.Status;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevFlag;
import org.eclipse.jgit.revwalk.RevObject;
import org.eclipse.jgit.revwalk.RevTag;
import org.eclipse.jgit.revwalk.RevWalk;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Signed annotated tags on the tracked branch, and the commits each covers: its target and everything before it. A
 * commit is covered by the first verified tag that contains it (a release signed after the fact vouches for what it
 * released); a commit no verified tag contains, by the first signed tag that does, whose verdict (bad, unknown key) is
 * then said of it. Lightweight and unsigned tags vouch for nothing.
 */
public final class SignedTags {
    private SignedTags() {
    }

    /**
     * What the coverage depends on: every tag's name and object, and the trust checked against. Reading it costs the
     * refs only, so a sync can tell cheaply that nothing about tags changed.
     */
    public static String state(Repository repository, Signatures trust) throws IOException {
        StringBuilder state = new StringBuilder(trust.trustId()).append('\n');
        for (Ref ref : repository.getRefDatabase().getRefsByPrefix(Constants.R_TAGS)) {
            state.append(ref.getName()).append(' ').append(ref.getObjectId() == null ? "-" : ref.getObjectId().name())
                    .append('\n');
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(state.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    /** Each covered commit of the branch at {@code tip}, by sha, with the verdict of the tag that covers it. */
    public static Map<String, CommitSignature> coverage(Repository repository, ObjectId tip, Signatures trust)
            throws IOException {
        List<Tagged> tagged = signedTagsOnBranch(repository, tip, trust);
        if (tagged.isEmpty()) {
            return Map.of();
        }
        Map<String, CommitSignature> covered = cover(repository, tagged, tag -> tag.verdict().status() == Status.VERIFIED);
        cover(repository, tagged, tag -> tag.verdict().status() != Status.VERIFIED).forEach(covered::putIfAbsent);
        return covered;
    }

    private record Tagged(RevCommit target, CommitSignature verdict) {
    }

    /** Signed tags whose target is a commit of the branch, oldest target first (then by name, for one order). */
    private static List<Tagged> signedTagsOnBranch(Repository repository, ObjectId tip, Signatures trust)
            throws IOException {
        List<Tagged> tagged = new ArrayList<>();
        try (RevWalk walk = new RevWalk(repository)) {
            List<RevTag> tags = new ArrayList<>();
            for (Ref ref : repository.getRefDatabase().getRefsByPrefix(Constants.R_TAGS)) {
                if (ref.getObjectId() != null && walk.parseAny(ref.getObjectId()) instanceof RevTag tag) {
                    tags.add(tag);
                }
            }
            if (tags.isEmpty()) {
                return tagged;
            }
            RevFlag onBranch = branch(walk, tip);
            for (RevTag tag : tags) {
                RevObject target = walk.peel(tag);
                CommitSignature verdict;
                if (target instanceof RevCommit commit && commit.has(onBranch)
                        && (verdict = trust.ofTag(repository, tag)) != null) {
                    tagged.add(new Tagged(commit, verdict));
                }
            }
        }
        tagged.sort(Comparator.comparingInt((Tagged tag) -> tag.target().getCommitTime())
                .thenComparing(tag -> tag.verdict().tag()));
        return tagged;
    }

    /** Flags every commit of the branch, in the walk's own objects (a set of a large history's ids would double them). */
    private static RevFlag branch(RevWalk walk, ObjectId tip) throws IOException {
        RevFlag onBranch = walk.newFlag("on-branch");
        walk.retainOnReset(onBranch);
        walk.markStart(walk.parseCommit(tip));
        for (RevCommit commit : walk) {
            commit.add(onBranch);
        }
        walk.reset();
        return onBranch;
    }

    /** The commits each chosen tag covers that no earlier chosen tag does. */
    private static Map<String, CommitSignature> cover(Repository repository, List<Tagged> tagged,
                                                      Predicate<Tagged> chosen) throws IOException {
        Map<String, CommitSignature> covered = new HashMap<>();
        List<RevCommit> earlier = new ArrayList<>();
        for (Tagged tag : tagged.stream().filter(chosen).toList()) {
            try (RevWalk walk = new RevWalk(repository)) {
                walk.markStart(walk.parseCommit(tag.target()));
                for (RevCommit before : earlier) {
                    walk.markUninteresting(walk.parseCommit(before));
                }
                for (RevCommit commit : walk) {
                    covered.putIfAbsent(commit.name(), tag.verdict());
                }
            }
            earlier.add(tag.target());
        }
        return covered;
    }
}
