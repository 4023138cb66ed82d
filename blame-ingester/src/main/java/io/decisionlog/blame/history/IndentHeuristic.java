package io.decisionlog.blame.history;

/**
 * git's indent heuristic: where a changed group can slide, the position whose two borders look most like the
 * boundaries a person would draw — scored by the blank lines and the indentation just before and after each split.
 */
final class IndentHeuristic {
    static final int MAX_INDENT = 200;
    private static final int MAX_BLANKS = 20;
    private static final int MAX_SLIDING = 100;
    private static final int START_OF_FILE_PENALTY = 1;
    private static final int END_OF_FILE_PENALTY = 21;
    private static final int TOTAL_BLANK_WEIGHT = -30;
    private static final int POST_BLANK_WEIGHT = 6;
    private static final int RELATIVE_INDENT_PENALTY = -4;
    private static final int RELATIVE_INDENT_WITH_BLANK_PENALTY = 10;
    private static final int RELATIVE_OUTDENT_PENALTY = 24;
    private static final int RELATIVE_OUTDENT_WITH_BLANK_PENALTY = 17;
    private static final int RELATIVE_DEDENT_PENALTY = 23;
    private static final int RELATIVE_DEDENT_WITH_BLANK_PENALTY = 17;
    private static final int INDENT_WEIGHT = 60;

    private final DiffSide side;

    IndentHeuristic(DiffSide side) {
        this.side = side;
    }

    /**
     * The best end for a group of {@code size} lines that ends at {@code end} now and can slide up to end at
     * {@code earliestEnd}; over at most {@value #MAX_SLIDING} positions, the last of equal scores.
     */
    int bestEnd(int end, int earliestEnd, int size) {
        int shift = Math.max(earliestEnd, Math.max(end - size - 1, end - MAX_SLIDING));
        int bestShift = -1;
        int bestIndent = 0;
        int bestPenalty = 0;
        for (; shift <= end; shift++) {
            Score score = new Score();
            score.add(measure(shift));
            score.add(measure(shift - size));
            if (bestShift == -1 || score.compareTo(bestIndent, bestPenalty) <= 0) {
                bestIndent = score.effectiveIndent;
                bestPenalty = score.penalty;
                bestShift = shift;
            }
        }
        return bestShift;
    }

    /** What surrounds a split just before line {@code split}: blank lines and indentation either side. */
    private record Split(boolean endOfFile, int indent, int preBlank, int preIndent, int postBlank, int postIndent) {
    }

    private Split measure(int split) {
        boolean endOfFile = split >= side.records;
        int indent = endOfFile ? -1 : side.indent(split);
        int preBlank = 0;
        int preIndent = -1;
        for (int i = split - 1; i >= 0; i--) {
            preIndent = side.indent(i);
            if (preIndent != -1) {
                break;
            }
            preBlank++;
            if (preBlank == MAX_BLANKS) {
                preIndent = 0;
                break;
            }
        }
        int postBlank = 0;
        int postIndent = -1;
        for (int i = split + 1; i < side.records; i++) {
            postIndent = side.indent(i);
            if (postIndent != -1) {
                break;
            }
            postBlank++;
            if (postBlank == MAX_BLANKS) {
                postIndent = 0;
                break;
            }
        }
        return new Split(endOfFile, indent, preBlank, preIndent, postBlank, postIndent);
    }

    /** The badness of a group position: lower is better; indentation weighs more than the other penalties. */
    private static final class Score {
        int effectiveIndent;
        int penalty;

        void add(Split m) {
            if (m.preIndent() == -1 && m.preBlank() == 0) {
                penalty += START_OF_FILE_PENALTY;
            }
            if (m.endOfFile()) {
                penalty += END_OF_FILE_PENALTY;
            }
            int postBlank = m.indent() == -1 ? 1 + m.postBlank() : 0;
            int totalBlank = m.preBlank() + postBlank;
            penalty += TOTAL_BLANK_WEIGHT * totalBlank;
            penalty += POST_BLANK_WEIGHT * postBlank;
            int indent = m.indent() != -1 ? m.indent() : m.postIndent();
            boolean anyBlanks = totalBlank != 0;
            effectiveIndent += indent;
            if (indent == -1 || m.preIndent() == -1 || indent == m.preIndent()) {
                return;
            }
            if (indent > m.preIndent()) {
                penalty += anyBlanks ? RELATIVE_INDENT_WITH_BLANK_PENALTY : RELATIVE_INDENT_PENALTY;
            } else if (m.postIndent() != -1 && m.postIndent() > indent) {
                penalty += anyBlanks ? RELATIVE_OUTDENT_WITH_BLANK_PENALTY : RELATIVE_OUTDENT_PENALTY;
            } else {
                penalty += anyBlanks ? RELATIVE_DEDENT_WITH_BLANK_PENALTY : RELATIVE_DEDENT_PENALTY;
            }
        }

        int compareTo(int otherIndent, int otherPenalty) {
            int indents = Integer.compare(effectiveIndent, otherIndent);
            return INDENT_WEIGHT * indents + (penalty - otherPenalty);
        }
    }
}
