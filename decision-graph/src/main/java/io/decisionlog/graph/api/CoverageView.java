package io.decisionlog.graph.api;

import io.decisionlog.graph.store.StoreQueries;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** How much of a repository (under a path prefix) is traced to at least one decision. */
@Schema(description = "Lines, lines traced to a decision, and the percentage, in total and per file")
public record CoverageView(String repo, String pathPrefix, int lines, int tracedLines, double percentage,
                           List<FileCoverage> files) {

    /** One file's coverage. */
    public record FileCoverage(String path, int lines, int tracedLines, double percentage) {
    }

    static CoverageView of(String repo, String prefix, List<StoreQueries.FileLines> files) {
        List<FileCoverage> perFile = files.stream()
                .map(file -> new FileCoverage(file.path(), file.lines(), file.matching(), percent(file.matching(), file.lines())))
                .toList();
        int lines = perFile.stream().mapToInt(FileCoverage::lines).sum();
        int traced = perFile.stream().mapToInt(FileCoverage::tracedLines).sum();
        return new CoverageView(repo, prefix, lines, traced, percent(traced, lines), perFile);
    }

    private static double percent(int part, int whole) {
        return whole == 0 ? 0 : Math.round(1000.0 * part / whole) / 10.0;
    }
}
