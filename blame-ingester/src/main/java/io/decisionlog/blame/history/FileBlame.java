package io.decisionlog.blame.history;

import io.decisionlog.events.BlameRange;
import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * One tip file being blamed: for each of its lines, the commit that wrote it and where the line was then. Its text is
 * read again from the blob when asked for, not kept: a repository's blame holds every tip file until it is published,
 * and on jenkinsci/jenkins their texts alone (~105 MB) kept a 256 MB heap in full collections for half the walk.
 */
public final class FileBlame {
    private final String path;
    private final ObjectId blob;
    private final String[] commit;
    private final String[] origPath;
    private final int[] origLine;
    private final boolean[] ignoredRev;
    private int unresolved;
    /** Time spent so far diffing this file's versions (and finding where it was renamed from), in nanoseconds. */
    private long nanos;
    private boolean dropped;

    FileBlame(String path, ObjectId blob, int lines) {
        this.path = path;
        this.blob = blob;
        this.commit = new String[lines];
        this.origPath = new String[lines];
        this.origLine = new int[lines];
        this.ignoredRev = new boolean[lines];
        this.unresolved = lines;
    }

    /**
     * @param ignored the commit is one blame ignores, and keeps the line only because it matched nothing in its parent
     * @return true when this was the file's last unresolved line
     */
    boolean attribute(int tipLine, String sha, String pathThen, int lineThen, boolean ignored) {
        unresolved--;
        commit[tipLine] = sha;
        origPath[tipLine] = pathThen;
        origLine[tipLine] = lineThen;
        ignoredRev[tipLine] = ignored;
        return unresolved == 0;
    }

    /** Adds time spent on this file; @return the total so far, in nanoseconds. */
    long charge(long elapsedNanos) {
        nanos += elapsedNanos;
        return nanos;
    }

    /** Taken out of the walk (over its time limit): its remaining lines are no longer looked for. */
    void drop() {
        dropped = true;
    }

    boolean dropped() {
        return dropped;
    }

    boolean resolved() {
        return unresolved == 0;
    }

    public String path() {
        return path;
    }

    /** The blob of the file at the commit blamed. */
    public ObjectId blob() {
        return blob;
    }

    public int lines() {
        return commit.length;
    }

    /** The commit of a 0-based line. */
    public String commitOf(int line) {
        return commit[line];
    }

    /** Its lines' text, read from the blob through {@code reader}. */
    public List<String> text(ObjectReader reader) throws IOException {
        RawText text = new RawText(reader.open(blob, Constants.OBJ_BLOB).getCachedBytes(Integer.MAX_VALUE));
        List<String> lines = new ArrayList<>(lines());
        for (int i = 0; i < lines(); i++) {
            lines.add(text.getString(i));
        }
        return lines;
    }

    /** Runs of consecutive lines from one commit whose original lines were consecutive too (1-based). */
    public List<BlameRange> ranges() {
        List<BlameRange> ranges = new ArrayList<>();
        int start = 0;
        for (int i = 1; i <= lines(); i++) {
            boolean continues = i < lines() && commit[i].equals(commit[start]) && origPath[i].equals(origPath[start])
                    && origLine[i] == origLine[start] + (i - start) && ignoredRev[i] == ignoredRev[start];
            if (!continues) {
                ranges.add(new BlameRange(start + 1, i - start, commit[start], origPath[start], origLine[start] + 1,
                        ignoredRev[start]));
                start = i;
            }
        }
        return ranges;
    }
}
