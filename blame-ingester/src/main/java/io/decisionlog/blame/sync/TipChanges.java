package io.decisionlog.blame.sync;

import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Which tip files to blame again, and which files are gone, between the published tip and the new one. */
record TipChanges(Set<String> changed, List<String> deleted, boolean all) {

    static TipChanges everything() {
        return new TipChanges(Set.of(), List.of(), true);
    }

    boolean reblame(String path) {
        return all || changed.contains(path);
    }

    /**
     * The files that differ between the two tips, and also every file a new commit on the branch's first-parent
     * chain changed against its first parent: a file changed and changed back within one push ends with the
     * same content but not the same blame (the lines go to the commit that restored them, as in git). A file
     * no such commit changed is handed whole down the first-parent chain by the walk, so when that chain
     * reaches the published tip its blame is the one published. After a force-push every file is blamed again
     * (history changed), and files gone are still deleted.
     */
    static TipChanges between(Repository repository, ObjectId from, ObjectId to, boolean incremental,
                           List<RevCommit> newCommits) throws Exception {
        Set<String> changed = new HashSet<>();
        List<String> deleted = new ArrayList<>();
        try (RevWalk walk = new RevWalk(repository); TreeWalk tree = new TreeWalk(repository)) {
            tree.addTree(walk.parseCommit(from).getTree());
            tree.addTree(walk.parseCommit(to).getTree());
            tree.setRecursive(true);
            tree.setFilter(TreeFilter.ANY_DIFF);
            for (DiffEntry entry : DiffEntry.scan(tree)) {
                if (entry.getChangeType() == DiffEntry.ChangeType.DELETE) {
                    deleted.add(entry.getOldPath());
                } else {
                    changed.add(entry.getNewPath());
                }
            }
            if (incremental) {
                Set<ObjectId> fresh = new HashSet<>(newCommits);
                RevCommit commit = walk.parseCommit(to);
                while (fresh.contains(commit) && commit.getParentCount() > 0) {
                    RevCommit parent = walk.parseCommit(commit.getParent(0));
                    changed.addAll(pathsChanged(repository, parent, commit));
                    commit = parent;
                }
            }
        }
        return new TipChanges(changed, deleted, !incremental);
    }

    private static List<String> pathsChanged(Repository repository, RevCommit parent, RevCommit commit)
            throws Exception {
        List<String> paths = new ArrayList<>();
        try (TreeWalk tree = new TreeWalk(repository)) {
            tree.addTree(parent.getTree());
            tree.addTree(commit.getTree());
            tree.setRecursive(true);
            tree.setFilter(TreeFilter.ANY_DIFF);
            while (tree.next()) {
                paths.add(tree.getPathString());
            }
        }
        return paths;
    }
}
