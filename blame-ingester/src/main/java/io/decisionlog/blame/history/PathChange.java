package io.decisionlog.blame.history;

import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.AndTreeFilter;
import org.eclipse.jgit.treewalk.filter.PathFilterGroup;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A path that differs between a parent and a commit; {@code oldBlob} is null when the parent lacks it (or has
 * something other than a file there), {@code stillExists} false when the commit deleted it.
 */
record PathChange(ObjectId oldBlob, boolean stillExists) {

    /** Paths fewer than this are diffed alone: the walk then reads only the trees on their way. */
    static final int FEW_PATHS = 64;

    /** Every path that differs between the two trees, in tree order. */
    static Map<String, PathChange> between(ObjectReader reader, RevCommit parent, RevCommit commit) throws IOException {
        return between(reader, parent, commit, TreeFilter.ANY_DIFF);
    }

    /**
     * The changes a walk looking for {@code paths} needs: those of the paths alone when they are few and none of them
     * was added (an added path may be a rename, whose source only the whole diff shows), else every change.
     */
    static Map<String, PathChange> between(ObjectReader reader, RevCommit parent, RevCommit commit, Set<String> paths)
            throws IOException {
        if (paths.isEmpty() || paths.size() >= FEW_PATHS) {
            return between(reader, parent, commit);
        }
        return ofPaths(reader, parent, commit, paths);
    }

    /**
     * The changes of {@code paths}, however many, or every change when one of them was added (a rename's source
     * is found among the others).
     */
    static Map<String, PathChange> ofPaths(ObjectReader reader, RevCommit parent, RevCommit commit, Set<String> paths)
            throws IOException {
        Map<String, PathChange> changes = between(reader, parent, commit,
                AndTreeFilter.create(PathFilterGroup.createFromStrings(paths), TreeFilter.ANY_DIFF));
        for (PathChange change : changes.values()) {
            if (change.oldBlob() == null) {
                return between(reader, parent, commit);
            }
        }
        return changes;
    }

    private static Map<String, PathChange> between(ObjectReader reader, RevCommit parent, RevCommit commit,
                                                   TreeFilter filter) throws IOException {
        Map<String, PathChange> changes = new LinkedHashMap<>();
        try (TreeWalk tree = new TreeWalk(reader)) {
            tree.addTree(parent.getTree());
            tree.addTree(commit.getTree());
            tree.setRecursive(true);
            tree.setFilter(filter);
            while (tree.next()) {
                boolean inParent = tree.getRawMode(0) != 0 && isFile(tree.getFileMode(0));
                boolean inCommit = tree.getRawMode(1) != 0;
                changes.put(tree.getPathString(), new PathChange(inParent ? tree.getObjectId(0) : null, inCommit));
            }
        }
        return changes;
    }

    private static boolean isFile(FileMode mode) {
        return mode == FileMode.REGULAR_FILE || mode == FileMode.EXECUTABLE_FILE;
    }
}
