package io.decisionlog.blame.history;

import io.decisionlog.events.BlameRange;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The end of an incremental walk: lines that reached the base take the commit, path and line the base's published
 * blame gives them there. What cannot be completed that way is left for a walk through the whole history.
 */
final class BaseCompletion {
    private BaseCompletion() {
    }

    /**
     * Completes the jobs that reached the base; returns the files it could not finish: lines at a path or version
     * the previous blame does not know, or lines that went to history below the base (through a merge), whose
     * jobs wait elsewhere.
     *
     * @param atBase    the jobs waiting at the base, by path; null when none reached it
     * @param elsewhere the jobs waiting at any other commit
     */
    static Set<FileBlame> complete(Map<String, List<Job>> atBase, Collection<Map<String, List<Job>>> elsewhere,
                                   PreviousBlame previous) {
        Set<FileBlame> unfinished = new LinkedHashSet<>();
        if (atBase != null) {
            for (List<Job> list : atBase.values()) {
                for (Job job : list) {
                    if (!job.file().dropped() && !attributeFrom(previous.lookup(job.path(), job.blob()), job)) {
                        unfinished.add(job.file());
                    }
                }
            }
        }
        for (Map<String, List<Job>> jobs : elsewhere) {
            jobs.values().forEach(list -> list.forEach(job -> {
                if (!job.file().dropped()) {
                    unfinished.add(job.file());
                }
            }));
        }
        return unfinished;
    }

    /** Gives each of the job's lines the commit, path and line the base's blame gives it; false when it cannot. */
    private static boolean attributeFrom(List<BlameRange> ranges, Job job) {
        if (ranges == null) {
            return false;
        }
        int r = 0;
        for (int k = 0; k < job.size(); k++) {
            int line = job.lines()[k] + 1;
            while (r < ranges.size() && ranges.get(r).start() + ranges.get(r).count() <= line) {
                r++;
            }
            if (r == ranges.size() || ranges.get(r).start() > line) {
                return false;
            }
            BlameRange range = ranges.get(r);
            job.file().attribute(job.tipLines()[k], range.sha(), range.origPath(),
                    range.origStart() - 1 + line - range.start(), range.ignoredRev());
        }
        return true;
    }
}
