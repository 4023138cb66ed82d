package io.decisionlog.blame.history;

import org.eclipse.jgit.diff.Edit;
import org.eclipse.jgit.diff.EditList;
import org.eclipse.jgit.diff.RawText;

import java.util.Arrays;

/**
 * Where the lines that an ignored commit changed came from in its parent — the guess {@code git blame --ignore-rev}
 * makes, rebuilt from its description. Each line is reduced to a fingerprint (the multiset of its adjacent character
 * pairs, lower-cased, whitespace as one blank), and two lines are as similar as the pairs they share. Within a hunk,
 * each new line is compared with the old lines near its proportional position (ten either side, nearer ones
 * preferred); the line matched with the most certainty (best score twice, less the second best) is fixed first, its
 * shared pairs are used up, and the lines before and after it are matched on each side of it, so the order of lines
 * is kept. A line that finds nothing there is compared with every line of the parent and takes the most similar one
 * if it shares at least ten pairs. A line with no match at all stays with the ignored commit.
 */
final class IgnoredLines {
    private static final int NEAR = 10;
    private static final int WHOLE_FILE_MINIMUM = 10;
    /** A hunk this large times the parent's length is not scanned line by line against the whole parent. */
    private static final long MAX_SCAN = 4_000_000L;

    private final Fingerprint[] parent;
    private final Fingerprint[] target;

    IgnoredLines(RawText parent, RawText target) {
        this.parent = Fingerprint.ofLines(parent);
        this.target = Fingerprint.ofLines(target);
    }

    /**
     * @param lines lines of the target (0-based, ascending), each inside one of the edits
     * @return for each, its line in the parent, or -1 when it matches none
     */
    int[] origins(EditList edits, int[] lines) {
        int[] origins = new int[lines.length];
        int k = 0;
        for (Edit edit : edits) {
            if (k == lines.length) {
                break;
            }
            if (lines[k] >= edit.getEndB() || edit.getLengthB() == 0) {
                continue;
            }
            int[] guessed = guessHunk(edit);
            for (; k < lines.length && lines[k] < edit.getEndB(); k++) {
                origins[k] = guessed[lines[k] - edit.getBeginB()];
            }
        }
        return origins;
    }

    /** Every new line of the hunk: its old line near it, else anywhere in the parent, else -1. */
    private int[] guessHunk(Edit edit) {
        int[] matches = new int[edit.getLengthB()];
        Arrays.fill(matches, -1);
        if (edit.getLengthA() > 0) {
            new HunkMatch(edit, matches).match(edit.getBeginA(), edit.getLengthA(), 0, edit.getLengthB());
        }
        boolean scan = (long) edit.getLengthB() * parent.length <= MAX_SCAN;
        for (int b = 0; b < matches.length; b++) {
            if (matches[b] < 0 && scan) {
                matches[b] = anywhere(edit.getBeginB() + b);
            }
        }
        return matches;
    }

    private int anywhere(int targetLine) {
        int best = WHOLE_FILE_MINIMUM;
        int bestLine = -1;
        for (int p = 0; p < parent.length; p++) {
            int similarity = target[targetLine].similarity(parent[p]);
            if (similarity < best) {
                continue;
            }
            // ties go to the line nearest the target's own number
            if (similarity == best && bestLine != -1 && Math.abs(bestLine - targetLine) < Math.abs(p - targetLine)) {
                continue;
            }
            best = similarity;
            bestLine = p;
        }
        return bestLine;
    }

    /**
     * The matching inside one hunk, most certain line first, keeping the lines' order. A line's best and second-best
     * old lines and its certainty are kept until the choice of another line can change them (it used up the pairs of
     * an old line they rely on, or fixed an old line on their wrong side), so a hunk of n lines costs about n
     * comparisons of 21 lines, not n for every line fixed.
     */
    private final class HunkMatch {
        private static final int NOT_YET = -1;
        private static final int NOTHING = -2;

        private final Edit edit;
        private final int[] matches;
        private final int near;
        /** How far apart two new lines can be and still look at a same old line. */
        private final int reach;
        private final int[] best;
        private final int[] second;
        private final int[] certainty;

        HunkMatch(Edit edit, int[] matches) {
            this.edit = edit;
            this.matches = matches;
            this.near = Math.min(NEAR, edit.getLengthA() - 1);
            this.reach = ((2 * near + 1) * edit.getLengthB() - 1) / edit.getLengthA();
            this.best = new int[edit.getLengthB()];
            this.second = new int[edit.getLengthB()];
            this.certainty = new int[edit.getLengthB()];
            Arrays.fill(certainty, NOT_YET);
        }

        /** Matches new lines [bFrom, bFrom + bLength) (hunk-relative) with old lines [aFrom, aFrom + aLength). */
        void match(int aFrom, int aLength, int bFrom, int bLength) {
            int chosen = -1;
            int chosenCertainty = -1;
            for (int b = bFrom; b < bFrom + bLength; b++) {
                if (certainty[b] == NOT_YET) {
                    score(b, aFrom, aFrom + aLength);
                }
                if (certainty[b] > chosenCertainty) {
                    chosenCertainty = certainty[b];
                    chosen = b;
                }
            }
            if (chosen < 0) {
                return;
            }
            int a = best[chosen];
            matches[chosen] = a;
            parent[a].useUp(target[edit.getBeginB() + chosen]);
            forgetWhatTheChoiceChanged(chosen, a, bFrom, bFrom + bLength);
            if (chosen > bFrom) {
                match(aFrom, a + 1 - aFrom, bFrom, chosen - bFrom);
            }
            if (chosen + 1 < bFrom + bLength) {
                match(a, aFrom + aLength - a, chosen + 1, bFrom + bLength - chosen - 1);
            }
        }

        /** Lines before the chosen one must match before its old line, lines after it after: others are redone. */
        private void forgetWhatTheChoiceChanged(int chosen, int a, int bFrom, int bEnd) {
            for (int b = Math.max(bFrom, chosen - reach); b < chosen; b++) {
                if (certainty[b] >= 0 && (best[b] >= a || second[b] >= a)) {
                    certainty[b] = NOT_YET;
                }
            }
            for (int b = chosen + 1; b < Math.min(bEnd, chosen + reach + 1); b++) {
                if (certainty[b] >= 0 && (best[b] <= a || second[b] <= a)) {
                    certainty[b] = NOT_YET;
                }
            }
        }

        /** The old lines most like new line {@code b} near its proportional place, and how certain the best is. */
        private void score(int b, int aFrom, int aEnd) {
            int proportional = (b * 2 + 1) * edit.getLengthA() / (edit.getLengthB() * 2) + edit.getBeginA();
            int bestScore = 0;
            int secondScore = 0;
            int bestLine = aFrom;
            int secondLine = aFrom;
            for (int a = Math.max(aFrom, proportional - near); a < Math.min(aEnd, proportional + near + 1); a++) {
                int score = target[edit.getBeginB() + b].similarity(parent[a]) * (1000 - Math.abs(a - proportional));
                if (score > bestScore) {
                    secondScore = bestScore;
                    secondLine = bestLine;
                    bestScore = score;
                    bestLine = a;
                } else if (score > secondScore) {
                    secondScore = score;
                    secondLine = a;
                }
            }
            best[b] = bestScore == 0 ? -1 : bestLine;
            second[b] = secondLine;
            certainty[b] = bestScore == 0 ? NOTHING : bestScore * 2 - secondScore;
        }
    }

    /** A line's adjacent character pairs, counted: sorted keys and their counts. */
    static final class Fingerprint {
        private final int[] pairs;
        private final int[] counts;

        private Fingerprint(int[] pairs, int[] counts) {
            this.pairs = pairs;
            this.counts = counts;
        }

        static Fingerprint[] ofLines(RawText text) {
            byte[] content = text.getRawContent();
            Fingerprint[] prints = new Fingerprint[text.size()];
            int start = 0;
            for (int line = 0; line < prints.length; line++) {
                int end = start;
                while (end < content.length && content[end] != '\n') {
                    end++;
                }
                prints[line] = of(content, start, end);
                start = end + 1;
            }
            return prints;
        }

        /** The pairs of the line's characters, a blank before the first and after the last. */
        static Fingerprint of(byte[] content, int start, int end) {
            int[] all = new int[end - start + 1];
            int n = 0;
            int previous = 0;
            for (int i = start; i <= end; i++) {
                int current = i == end ? 0 : normalized(content[i]);
                int pair = previous | current << 8;
                if (pair != 0) {
                    all[n++] = pair;
                }
                previous = current;
            }
            Arrays.sort(all, 0, n);
            int[] pairs = new int[n];
            int[] counts = new int[n];
            int distinct = 0;
            for (int i = 0; i < n; i++) {
                if (distinct > 0 && pairs[distinct - 1] == all[i]) {
                    counts[distinct - 1]++;
                } else {
                    pairs[distinct] = all[i];
                    counts[distinct++] = 1;
                }
            }
            return new Fingerprint(Arrays.copyOf(pairs, distinct), Arrays.copyOf(counts, distinct));
        }

        private static int normalized(byte b) {
            int c = b & 0xff;
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == 0x0b || c == 0x0c) {
                return 0;
            }
            return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
        }

        /** How many pairs the two lines share, repeats included. */
        int similarity(Fingerprint other) {
            int shared = 0;
            int i = 0;
            int j = 0;
            while (i < pairs.length && j < other.pairs.length) {
                if (pairs[i] == other.pairs[j]) {
                    shared += Math.min(counts[i++], other.counts[j++]);
                } else if (pairs[i] < other.pairs[j]) {
                    i++;
                } else {
                    j++;
                }
            }
            return shared;
        }

        /** Takes away the pairs {@code matched} shares with this line, so no other line matches them again. */
        void useUp(Fingerprint matched) {
            int i = 0;
            int j = 0;
            while (i < pairs.length && j < matched.pairs.length) {
                if (pairs[i] == matched.pairs[j]) {
                    counts[i] = Math.max(0, counts[i] - matched.counts[j]);
                    i++;
                    j++;
                } else if (pairs[i] < matched.pairs[j]) {
                    i++;
                } else {
                    j++;
                }
            }
        }
    }
}
