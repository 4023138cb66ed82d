package io.decisionlog.blame.history;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Divide and conquer on the middle snake, over the kept records only. Past a cost bound it stops looking for
 * the shortest script and takes a long snake, or the furthest-reaching diagonal, as git does.
 */
final class MyersDiff {
    private static final int MAX_COST_MIN = 256;
    private static final int HEURISTIC_MIN_COST = 256;
    private static final int SNAKE_COUNT = 20;
    private static final int HEURISTIC_FACTOR = 4;
    private static final int LINE_MAX = Integer.MAX_VALUE;

    private final DiffSide one;
    private final DiffSide two;
    private final int[] ha1;
    private final int[] ha2;
    private final int[] k;
    private final int forward;
    private final int backward;
    private final int maxCost;
    private int split1;
    private int split2;
    private boolean minimalLow;
    private boolean minimalHigh;

    MyersDiff(DiffSide one, DiffSide two) {
        this.one = one;
        this.two = two;
        this.ha1 = one.kept;
        this.ha2 = two.kept;
        int diagonals = one.keptCount + two.keptCount + 3;
        k = new int[2 * diagonals + 2];
        forward = two.keptCount + 1;
        backward = diagonals + two.keptCount + 1;
        maxCost = Math.max(GitLineDiff.squareRootBound(diagonals), MAX_COST_MIN);
    }

    void compare() {
        Deque<int[]> boxes = new ArrayDeque<>();
        boxes.push(new int[] {0, one.keptCount, 0, two.keptCount, 0});
        while (!boxes.isEmpty()) {
            int[] box = boxes.pop();
            int off1 = box[0];
            int lim1 = box[1];
            int off2 = box[2];
            int lim2 = box[3];
            while (off1 < lim1 && off2 < lim2 && ha1[off1] == ha2[off2]) {
                off1++;
                off2++;
            }
            while (off1 < lim1 && off2 < lim2 && ha1[lim1 - 1] == ha2[lim2 - 1]) {
                lim1--;
                lim2--;
            }
            if (off1 == lim1) {
                for (int i = off2; i < lim2; i++) {
                    two.mark(two.keptIndex[i], true);
                }
            } else if (off2 == lim2) {
                for (int i = off1; i < lim1; i++) {
                    one.mark(one.keptIndex[i], true);
                }
            } else {
                split(off1, lim1, off2, lim2, box[4] != 0);
                boxes.push(new int[] {split1, lim1, split2, lim2, minimalHigh ? 1 : 0});
                boxes.push(new int[] {off1, split1, off2, split2, minimalLow ? 1 : 0});
            }
        }
    }

    private int f(int d) {
        return k[forward + d];
    }

    private void setF(int d, int value) {
        k[forward + d] = value;
    }

    private int b(int d) {
        return k[backward + d];
    }

    private void setB(int d, int value) {
        k[backward + d] = value;
    }

    /** How a sweep over the diagonals of one cost ended. */
    private enum Sweep { MET, SNAKE, NOTHING }

    private void split(int off1, int lim1, int off2, int lim2, boolean needMinimal) {
        DiagonalSearch s = new DiagonalSearch(off1, lim1, off2, lim2);
        setF(s.fmid, off1);
        setB(s.bmid, lim1);
        for (int cost = 1; ; cost++) {
            Sweep forwardSweep = sweepForward(s);
            if (forwardSweep == Sweep.MET) {
                return;
            }
            Sweep backwardSweep = sweepBackward(s);
            if (backwardSweep == Sweep.MET) {
                return;
            }
            if (needMinimal) {
                continue;
            }
            boolean gotSnake = forwardSweep == Sweep.SNAKE || backwardSweep == Sweep.SNAKE;
            if (gotSnake && cost > HEURISTIC_MIN_COST
                    && (goodForwardSnake(off1, lim1, off2, lim2, s.fmin, s.fmax, s.fmid, cost)
                    || goodBackwardSnake(off1, lim1, off2, lim2, s.bmin, s.bmax, s.bmid, cost))) {
                return;
            }
            if (cost >= maxCost) {
                furthestReaching(off1, lim1, off2, lim2, s.fmin, s.fmax, s.bmin, s.bmax);
                return;
            }
        }
    }

    /** Extends every forward diagonal by one cost; MET when it meets the backward sweep (the split is found). */
    private Sweep sweepForward(DiagonalSearch s) {
        if (s.fmin > s.dmin) {
            setF(--s.fmin - 1, -1);
        } else {
            ++s.fmin;
        }
        if (s.fmax < s.dmax) {
            setF(++s.fmax + 1, -1);
        } else {
            --s.fmax;
        }
        boolean gotSnake = false;
        for (int d = s.fmax; d >= s.fmin; d -= 2) {
            int i1 = f(d - 1) >= f(d + 1) ? f(d - 1) + 1 : f(d + 1);
            int prev1 = i1;
            int i2 = i1 - d;
            while (i1 < s.lim1 && i2 < s.lim2 && ha1[i1] == ha2[i2]) {
                i1++;
                i2++;
            }
            gotSnake |= i1 - prev1 > SNAKE_COUNT;
            setF(d, i1);
            if (s.odd && s.bmin <= d && d <= s.bmax && b(d) <= i1) {
                found(i1, i2, true, true);
                return Sweep.MET;
            }
        }
        return gotSnake ? Sweep.SNAKE : Sweep.NOTHING;
    }

    /** Extends every backward diagonal by one cost; MET when it meets the forward sweep. */
    private Sweep sweepBackward(DiagonalSearch s) {
        if (s.bmin > s.dmin) {
            setB(--s.bmin - 1, LINE_MAX);
        } else {
            ++s.bmin;
        }
        if (s.bmax < s.dmax) {
            setB(++s.bmax + 1, LINE_MAX);
        } else {
            --s.bmax;
        }
        boolean gotSnake = false;
        for (int d = s.bmax; d >= s.bmin; d -= 2) {
            int i1 = b(d - 1) < b(d + 1) ? b(d - 1) : b(d + 1) - 1;
            int prev1 = i1;
            int i2 = i1 - d;
            while (i1 > s.off1 && i2 > s.off2 && ha1[i1 - 1] == ha2[i2 - 1]) {
                i1--;
                i2--;
            }
            gotSnake |= prev1 - i1 > SNAKE_COUNT;
            setB(d, i1);
            if (!s.odd && s.fmin <= d && d <= s.fmax && i1 <= f(d)) {
                found(i1, i2, true, true);
                return Sweep.MET;
            }
        }
        return gotSnake ? Sweep.SNAKE : Sweep.NOTHING;
    }

    private boolean goodForwardSnake(int off1, int lim1, int off2, int lim2, int fmin, int fmax, int fmid,
                                     int cost) {
        int best = 0;
        for (int d = fmax; d >= fmin; d -= 2) {
            int dd = d > fmid ? d - fmid : fmid - d;
            int i1 = f(d);
            int i2 = i1 - d;
            int v = (i1 - off1) + (i2 - off2) - dd;
            if (v > HEURISTIC_FACTOR * cost && v > best && off1 + SNAKE_COUNT <= i1 && i1 < lim1
                    && off2 + SNAKE_COUNT <= i2 && i2 < lim2) {
                for (int j = 1; ha1[i1 - j] == ha2[i2 - j]; j++) {
                    if (j == SNAKE_COUNT) {
                        best = v;
                        split1 = i1;
                        split2 = i2;
                        break;
                    }
                }
            }
        }
        if (best > 0) {
            minimalLow = true;
            minimalHigh = false;
            return true;
        }
        return false;
    }

    private boolean goodBackwardSnake(int off1, int lim1, int off2, int lim2, int bmin, int bmax, int bmid,
                                      int cost) {
        int best = 0;
        for (int d = bmax; d >= bmin; d -= 2) {
            int dd = d > bmid ? d - bmid : bmid - d;
            int i1 = b(d);
            int i2 = i1 - d;
            int v = (lim1 - i1) + (lim2 - i2) - dd;
            if (v > HEURISTIC_FACTOR * cost && v > best && off1 < i1 && i1 <= lim1 - SNAKE_COUNT
                    && off2 < i2 && i2 <= lim2 - SNAKE_COUNT) {
                for (int j = 0; ha1[i1 + j] == ha2[i2 + j]; j++) {
                    if (j == SNAKE_COUNT - 1) {
                        best = v;
                        split1 = i1;
                        split2 = i2;
                        break;
                    }
                }
            }
        }
        if (best > 0) {
            minimalLow = false;
            minimalHigh = true;
            return true;
        }
        return false;
    }

    private void furthestReaching(int off1, int lim1, int off2, int lim2, int fmin, int fmax, int bmin,
                                  int bmax) {
        long fbest = -1;
        int fbest1 = -1;
        for (int d = fmax; d >= fmin; d -= 2) {
            int i1 = Math.min(f(d), lim1);
            int i2 = i1 - d;
            if (lim2 < i2) {
                i1 = lim2 + d;
                i2 = lim2;
            }
            if (fbest < (long) i1 + i2) {
                fbest = (long) i1 + i2;
                fbest1 = i1;
            }
        }
        long bbest = LINE_MAX;
        int bbest1 = LINE_MAX;
        for (int d = bmax; d >= bmin; d -= 2) {
            int i1 = Math.max(off1, b(d));
            int i2 = i1 - d;
            if (i2 < off2) {
                i1 = off2 + d;
                i2 = off2;
            }
            if ((long) i1 + i2 < bbest) {
                bbest = (long) i1 + i2;
                bbest1 = i1;
            }
        }
        if ((lim1 + lim2) - bbest < fbest - (off1 + off2)) {
            found(fbest1, (int) (fbest - fbest1), true, false);
        } else {
            found(bbest1, (int) (bbest - bbest1), false, true);
        }
    }

    private void found(int i1, int i2, boolean low, boolean high) {
        split1 = i1;
        split2 = i2;
        minimalLow = low;
        minimalHigh = high;
    }
}
