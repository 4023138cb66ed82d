package io.decisionlog.blame.history;

import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A path that differs between a parent and a commit; {@code oldBlob} is null when the parent lacks it (or has
 * something other than a file there), {@code stillExists} false when the commit deleted it.
 */
record PathChange(ObjectId oldBlob, boolean stillExists) {

    /** Every path that differs between the two trees, in tree order. */
    static Map<String, PathChange> between(ObjectReader reader, RevCommit parent, RevCommit commit) throws IOException {
        Map<String, PathChange> changes = new LinkedHashMap<>();
        try (TreeWalk tree = new TreeWalk(reader)) {
            tree.addTree(parent.getTree());
            tree.addTree(commit.getTree());
            tree.setRecursive(true);
            tree.setFilter(TreeFilter.ANY_DIFF);
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
