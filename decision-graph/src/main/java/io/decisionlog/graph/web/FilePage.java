package io.decisionlog.graph.web;

import io.decisionlog.events.DecisionChain;
import io.decisionlog.events.GitCommit;
import io.decisionlog.graph.api.FileBlames;
import io.decisionlog.graph.store.BlameRangeRow;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A file at the tip as the file page shows it: lines in groups of one commit each (consecutive ranges of the same
 * commit are one group, as in GitHub's blame), each group with its commit and the decisions behind it.
 */
public record FilePage(String repo, String path, String rev, int lineCount, boolean hasText, List<Crumb> crumbs,
                       String chainBase, String unlinkedHref, List<Group> groups, Revision revision) {

    /**
     * Which revision the page shows and how to ask for another: {@code asked} is null at the tip, else what was asked
     * (a sha prefix, a tag); {@code tipHref} leads back to the file at the tip.
     */
    public record Revision(String asked, String tipHref, String pickerAction) {
    }

    /** One commit's run of lines. {@code decisionState}: "decided", "n/a" (shipped by a run, no decision) or "". */
    public record Group(int index, int firstLine, int size, String shortSha, String commitHref, String author,
                        String age, String when, String subject, String decisionState, List<Chip> chips,
                        List<Line> lines) {
        public Line first() {
            return lines.get(0);
        }

        /** The lines after the first, which carries the group's gutter. */
        public List<Line> rest() {
            return lines.subList(1, lines.size());
        }
    }

    public record Line(int number, String text) {
    }

    public record Crumb(String name, String href) {
    }

    static FilePage of(FileBlames.FileBlame blame, Instant now) {
        return of(blame, null, now);
    }

    /** The file at {@code asked} (null: at the tip); its lines' chains are asked for at that revision too. */
    static FilePage of(FileBlames.FileBlame blame, String asked, Instant now) {
        List<Group> groups = new ArrayList<>();
        List<BlameRangeRow> ranges = blame.ranges();
        int i = 0;
        while (i < ranges.size()) {
            BlameRangeRow first = ranges.get(i);
            List<Line> lines = new ArrayList<>();
            int j = i;
            while (j < ranges.size() && ranges.get(j).sha.equals(first.sha)) {
                addLines(lines, ranges.get(j));
                j++;
            }
            groups.add(group(groups.size(), blame.file().repo, first, lines, blame.chains().get(first.sha), now));
            i = j;
        }
        String repo = blame.file().repo;
        String path = blame.file().path;
        String chainBase = Hrefs.repo(repo) + "/chain/" + Hrefs.segments(path)
                + (asked == null ? "" : "?rev=" + Hrefs.encode(blame.file().rev));
        return new FilePage(repo, path, shortSha(blame.file().rev), blame.file().lineCount, blame.file().hasText,
                crumbs(repo, path), chainBase, Hrefs.unlinked(repo), groups,
                new Revision(asked == null ? null : shortened(asked), Hrefs.blob(repo, path), Hrefs.revisionPicker(repo)));
    }

    /** A full sha as its first 12 digits (still a unique prefix to ask for); a tag or a prefix as given. */
    private static String shortened(String rev) {
        return rev.matches("[0-9a-fA-F]{40}") ? rev.substring(0, 12) : rev;
    }

    private static void addLines(List<Line> lines, BlameRangeRow range) {
        for (int k = 0; k < range.lineCount; k++) {
            lines.add(new Line(range.startLine + k, range.lines == null ? "" : range.lines[k]));
        }
    }

    private static Group group(int index, String repo, BlameRangeRow first, List<Line> lines, DecisionChain chain,
                               Instant now) {
        GitCommit commit = chain == null ? null : chain.commit();
        List<Chip> chips = chain == null ? List.of() : chain.decisions().stream().map(Chip::of).toList();
        String state = !chips.isEmpty() ? "decided" : chain != null && !chain.ciRuns().isEmpty() ? "n/a" : "";
        return new Group(index, first.startLine, lines.size(), shortSha(first.sha), Hrefs.commit(repo, first.sha),
                commit == null || commit.author() == null ? "" : commit.author().name(),
                commit == null ? "" : Ages.ago(commit.authoredAt(), now),
                commit == null ? "" : Ages.exact(commit.authoredAt()),
                commit == null ? "commit not known to decision-graph yet" : commit.subject(), state, chips, lines);
    }

    /** The repository, then each directory of the path, each a link to its listing; the file itself last. */
    static List<Crumb> crumbs(String repo, String path) {
        List<Crumb> crumbs = new ArrayList<>();
        crumbs.add(new Crumb(repo, Hrefs.repo(repo)));
        String[] parts = path.isEmpty() ? new String[0] : path.split("/");
        StringBuilder prefix = new StringBuilder();
        for (String part : parts) {
            prefix.append(prefix.isEmpty() ? "" : "/").append(part);
            crumbs.add(new Crumb(part, Hrefs.blob(repo, prefix.toString())));
        }
        return crumbs;
    }

    static String shortSha(String sha) {
        return sha == null || sha.length() < 7 ? String.valueOf(sha) : sha.substring(0, 7);
    }
}
