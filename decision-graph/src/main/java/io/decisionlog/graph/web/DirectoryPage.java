package io.decisionlog.graph.web;

import io.decisionlog.graph.store.StoreQueries;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A directory of a repository at the tip: its subdirectories and files, each with its decision coverage. */
public record DirectoryPage(String repo, String path, List<FilePage.Crumb> crumbs, Entry total, List<Entry> entries) {

    /** A subdirectory (its files summed) or a file. */
    public record Entry(String name, String href, boolean directory, int lines, int traced) {
        public double percent() {
            return lines == 0 ? 0 : Math.round(1000.0 * traced / lines) / 10.0;
        }
    }

    /** @param files the files under {@code path}, with their lines and traced lines */
    static DirectoryPage of(String repo, String path, List<StoreQueries.FileLines> files) {
        String prefix = path.isEmpty() ? "" : path + "/";
        Map<String, int[]> directories = new TreeMap<>();
        List<Entry> entries = new ArrayList<>();
        int lines = 0;
        int traced = 0;
        for (StoreQueries.FileLines file : files) {
            String rest = file.path().substring(prefix.length());
            int slash = rest.indexOf('/');
            if (slash > 0) {
                int[] sums = directories.computeIfAbsent(rest.substring(0, slash), name -> new int[2]);
                sums[0] += file.lines();
                sums[1] += file.matching();
            } else {
                entries.add(new Entry(rest, Hrefs.blob(repo, file.path()), false, file.lines(), file.matching()));
            }
            lines += file.lines();
            traced += file.matching();
        }
        List<Entry> listed = new ArrayList<>();
        directories.forEach((name, sums) -> listed.add(new Entry(name + "/", Hrefs.blob(repo, prefix + name), true,
                sums[0], sums[1])));
        listed.addAll(entries);
        return new DirectoryPage(repo, path, FilePage.crumbs(repo, path), new Entry(path, "", true, lines, traced), listed);
    }
}
