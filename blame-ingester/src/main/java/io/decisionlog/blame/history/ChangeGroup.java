package io.decisionlog.blame.history;

/** A maximal run of changed lines {@code [start, end)} of one file; empty, it is a position between lines. */
final class ChangeGroup {
    private final DiffSide file;
    int start;
    int end;

    ChangeGroup(DiffSide file) {
        this.file = file;
        while (file.changed(end)) {
            end++;
        }
    }

    boolean isEmpty() {
        return end == start;
    }

    int size() {
        return end - start;
    }

    boolean next() {
        if (end == file.records) {
            return false;
        }
        start = end + 1;
        end = start;
        while (file.changed(end)) {
            end++;
        }
        return true;
    }

    boolean previous() {
        if (start == 0) {
            return false;
        }
        end = start - 1;
        start = end;
        while (file.changed(start - 1)) {
            start--;
        }
        return true;
    }
}
