package io.decisionlog.graph.api;

import io.decisionlog.events.BlameFile;
import io.decisionlog.events.DecisionChain;
import io.decisionlog.graph.store.BlameFileRow;
import io.decisionlog.graph.store.BlameRangeRow;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A whole file's blame at the tip (or a past revision) with the chain of every commit in it: what the files API and the file page show. */
@ApplicationScoped
public class FileBlames {
    private final Lines lines;
    private final Chains chains;
    private final PastBlames pastBlames;

    @Inject
    public FileBlames(Lines lines, Chains chains, PastBlames pastBlames) {
        this.lines = lines;
        this.chains = chains;
        this.pastBlames = pastBlames;
    }

    /** A file, its ranges in line order, and the chains of their commits by sha (a commit not yet known has none). */
    public record FileBlame(BlameFileRow file, List<BlameRangeRow> ranges, Map<String, DecisionChain> chains) {
    }

    /** @throws io.decisionlog.events.errors.NotFound when the repository or file is unknown, or not the caller's */
    public FileBlame of(String repo, String path) {
        BlameFileRow file = lines.file(repo, path);
        return withChains(file, BlameRangeRow.ofFile(file.repo, file.path));
    }

    /** The file as it was at {@code rev} (see {@link PastBlames}), with today's chains of its commits. */
    public FileBlame of(String repo, String path, String rev, Optional<String> credential) {
        BlameFile past = pastBlames.file(repo, path, rev, credential);
        return withChains(PastBlames.fileRow(past), PastBlames.rangeRows(past));
    }

    private FileBlame withChains(BlameFileRow file, List<BlameRangeRow> ranges) {
        return new FileBlame(file, ranges, chains.bySha(file.repo, ranges.stream().map(range -> range.sha).toList()));
    }
}
