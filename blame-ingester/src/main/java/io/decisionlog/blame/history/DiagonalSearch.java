package io.decisionlog.blame.history;

/**
 * One split of {@link MyersDiff}: the box of records being split and how far its forward and backward sweeps have
 * reached on the diagonals (git's {@code xdl_split} keeps the same as locals).
 */
final class DiagonalSearch {
    final int off1;
    final int lim1;
    final int off2;
    final int lim2;
    final int dmin;
    final int dmax;
    final int fmid;
    final int bmid;
    final boolean odd;
    int fmin;
    int fmax;
    int bmin;
    int bmax;

    DiagonalSearch(int off1, int lim1, int off2, int lim2) {
        this.off1 = off1;
        this.lim1 = lim1;
        this.off2 = off2;
        this.lim2 = lim2;
        dmin = off1 - lim2;
        dmax = lim1 - off2;
        fmid = off1 - off2;
        bmid = lim1 - lim2;
        odd = ((fmid - bmid) & 1) != 0;
        fmin = fmid;
        fmax = fmid;
        bmin = bmid;
        bmax = bmid;
    }
}
