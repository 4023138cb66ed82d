package io.decisionlog.kit.git;

import org.eclipse.jgit.lib.ProgressMonitor;

import java.time.Duration;

/**
 * A fetch's whole time limit. JGit's own timeout bounds each read; a server that drips a byte at a time never trips
 * it. JGit asks its progress monitor whether to cancel as it receives objects, and this one says yes past the limit.
 */
final class Deadline implements ProgressMonitor {
    private final long endNanos;

    Deadline(Duration limit) {
        this.endNanos = System.nanoTime() + limit.toNanos();
    }

    @Override
    public boolean isCancelled() {
        return System.nanoTime() - endNanos > 0;
    }

    @Override
    public void start(int totalTasks) {
        // progress is not reported: only the time counts
    }

    @Override
    public void beginTask(String title, int totalWork) {
        // as above
    }

    @Override
    public void update(int completed) {
        // as above
    }

    @Override
    public void endTask() {
        // as above
    }

    @Override
    public void showDuration(boolean enabled) {
        // as above
    }
}
