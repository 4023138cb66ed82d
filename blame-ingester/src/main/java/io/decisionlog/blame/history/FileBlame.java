package io.decisionlog.blame.history;

import io.decisionlog.events.BlameRange;
import org.eclipse.jgit.diff.RawText;

import java.util.ArrayList;
import java.util.List;

/** One tip file being blamed: for each of its lines, the commit that wrote it and where the line was then. */
public final class FileBlame {
    private final String path;
    private final RawText text;
    private final String[] commit;
    private final String[] origPath;
    private final int[] origLine;
    private int unresolved;

    FileBlame(String path, RawText text) {
        this.path = path;
        this.text = text;
        int lines = text.size();
        this.commit = new String[lines];
        this.origPath = new String[lines];
        this.origLine = new int[lines];
        this.unresolved = lines;
    }

    /** @return true when this was the file's last unresolved line */
    boolean attribute(int tipLine, String sha, String pathThen, int lineThen) {
        unresolved--;
        commit[tipLine] = sha;
        origPath[tipLine] = pathThen;
        origLine[tipLine] = lineThen;
        return unresolved == 0;
    }

    public String path() {
        return path;
    }

    public int lines() {
        return commit.length;
    }

    /** The commit of a 0-based line. */
    public String commitOf(int line) {
        return commit[line];
    }

    public List<String> text() {
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
                    && origLine[i] == origLine[start] + (i - start);
            if (!continues) {
                ranges.add(new BlameRange(start + 1, i - start, commit[start], origPath[start], origLine[start] + 1));
                start = i;
            }
        }
        return ranges;
    }
}
