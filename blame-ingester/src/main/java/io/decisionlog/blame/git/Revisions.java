package io.decisionlog.blame.git;

import io.decisionlog.events.errors.BadRequest;
import io.decisionlog.events.errors.NotFound;
import org.eclipse.jgit.errors.IncorrectObjectTypeException;
import org.eclipse.jgit.lib.AbbreviatedObjectId;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevObject;
import org.eclipse.jgit.revwalk.RevWalk;

import java.io.IOException;
import java.util.Collection;
import java.util.regex.Pattern;

/**
 * What a person types as a revision — a sha or a prefix of one, a tag, the branch's name — as a commit of the
 * tracked branch's history. A revision the clone does not know, or one that the branch's tip cannot reach (another
 * branch, a commit a force-push dropped), is a 404 that says which; nothing here runs a revision expression
 * ({@code HEAD~2}, {@code @{…}}): the forms are few on purpose, so every one can be checked.
 */
public final class Revisions {
    /** Longer than any sha or sensible tag name. */
    static final int MAX_LENGTH = 200;
    private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]{4,40}");

    private Revisions() {
    }

    /** A revision and the commit it named. */
    public record Resolved(String asked, RevCommit commit) {
    }

    /**
     * @param tip    the tracked branch's published tip: the history a revision must be on
     * @param branch the tracked branch, whose name means its tip
     */
    public static Resolved resolve(Repository repository, RevWalk walk, String repo, ObjectId tip, String branch,
                                   String rev) throws IOException {
        String asked = rev.strip();
        if (asked.isEmpty() || asked.length() > MAX_LENGTH) {
            throw new BadRequest("rev", "rev must be a commit sha (or a prefix of at least 4 hex digits), a tag or "
                    + "the branch's name, at most " + MAX_LENGTH + " characters");
        }
        RevCommit tipCommit = walk.parseCommit(tip);
        if (asked.equals(branch) || asked.equals(Constants.R_HEADS + branch)) {
            return new Resolved(asked, tipCommit);
        }
        ObjectId id = HEX.matcher(asked).matches() ? bySha(walk.getObjectReader(), repo, asked) : null;
        if (id == null) {
            id = byTag(repository, asked);
        }
        if (id == null) {
            throw new NotFound("revision '" + asked + "' is unknown in " + repo + " (neither a commit of its "
                    + branch + " nor a tag)");
        }
        RevCommit commit = peel(walk, id, repo, asked);
        if (!walk.isMergedInto(commit, tipCommit)) {
            throw new NotFound("revision '" + asked + "' (" + commit.abbreviate(7).name() + ") is not on " + repo
                    + "'s " + branch + ": its tip " + tipCommit.abbreviate(7).name() + " does not reach it");
        }
        return new Resolved(asked, commit);
    }

    private static ObjectId bySha(ObjectReader reader, String repo, String hex) throws IOException {
        AbbreviatedObjectId prefix = AbbreviatedObjectId.fromString(hex.toLowerCase());
        if (prefix.isComplete()) {
            ObjectId id = prefix.toObjectId();
            return reader.has(id) ? id : null;
        }
        Collection<ObjectId> matches = reader.resolve(prefix);
        if (matches.size() > 1) {
            throw new BadRequest("rev", "'" + hex + "' matches " + matches.size() + " objects in " + repo
                    + "; give more digits");
        }
        return matches.isEmpty() ? null : matches.iterator().next();
    }

    private static ObjectId byTag(Repository repository, String name) throws IOException {
        String ref = name.startsWith(Constants.R_TAGS) ? name : Constants.R_TAGS + name;
        if (!Repository.isValidRefName(ref)) {
            return null;
        }
        Ref tag = repository.exactRef(ref);
        return tag == null ? null : tag.getObjectId();
    }

    private static RevCommit peel(RevWalk walk, ObjectId id, String repo, String asked) throws IOException {
        RevObject object = walk.peel(walk.parseAny(id));
        try {
            return walk.parseCommit(object);
        } catch (IncorrectObjectTypeException e) {
            throw new NotFound("revision '" + asked + "' of " + repo + " names a " + Constants.typeString(object.getType())
                    + ", not a commit");
        }
    }
}
