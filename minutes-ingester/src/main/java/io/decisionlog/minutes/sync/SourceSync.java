package io.decisionlog.minutes.sync;

import io.decisionlog.events.DecisionMinutes;
import io.decisionlog.events.Meeting;
import io.decisionlog.events.MinutesFileState;
import io.decisionlog.events.Topics;
import io.decisionlog.events.paths.GlobSet;
import io.decisionlog.kit.git.GitRemotes;
import io.decisionlog.minutes.parse.MinutesParser;
import org.eclipse.jgit.lib.ObjectId;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.function.Function;

/**
 * One sync of one source: fetch, diff the last synced commit's tree with the tip's, read only the changed files
 * (and the files that share a decision id with them), and publish only what differs from what was published.
 * <ul>
 * <li>A rejected file changes nothing that was published from it: its decisions stay as last published (we cannot
 * tell a removed decision from a broken file), and its rejection is published with every error.</li>
 * <li>A decision id defined by two files of the source rejects both files; a version published before the
 * duplicate appeared stays as it was until one of the files is fixed.</li>
 * <li>A decision that no file defines any more becomes a tombstone; a file fixed after a rejection clears it.</li>
 * </ul>
 */
public final class SourceSync {
    /** Below this many files, a parallel parse costs more in hand-over than it saves. */
    static final int PARALLEL_FROM = 64;

    private final MinutesParser parser;
    private final Function<String, GitMirror> mirrors;
    private final GitRemotes remotes;
    private final Clock clock;

    public SourceSync(MinutesParser parser, Function<String, GitMirror> mirrors, GitRemotes remotes, Clock clock) {
        this.parser = parser;
        this.mirrors = mirrors;
        this.remotes = remotes;
        this.clock = clock;
    }

    /** Callers hold the state's lock. @throws SourceUnavailable when the repository cannot be fetched */
    SyncReport sync(SourceState state, Publisher publisher) {
        long started = System.nanoTime();
        Registration registration = state.registration();
        try (GitMirror mirror = mirrors.apply(registration.source())) {
            ObjectId tip = mirror.fetch(registration.url(), registration.branch(), remotes);
            if (tip.name().equals(state.commit())) {
                return SyncReport.unchanged(registration.source(), tip.name(), millisSince(started));
            }
            long fetched = System.nanoTime();
            SyncRun run = new SyncRun(state, mirror, tip, publisher.begin(), parser, clock.instant());
            SyncReport report = run.execute(changes(mirror, state, tip), started, fetched);
            state.synced(tip.name(), run.now, run.files, run.owners, report);
            return report;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the mirror of " + registration.source() + ": " + e.getMessage(), e);
        }
    }

    /** Path to new blob (null: gone). Without a usable last commit, every file is compared by blob id. */
    private static Map<String, ObjectId> changes(GitMirror mirror, SourceState state, ObjectId tip) throws IOException {
        GlobSet globs = GlobSet.of(state.registration().include());
        if (state.commit() != null) {
            var diff = mirror.changes(ObjectId.fromString(state.commit()), tip, globs);
            if (diff.isPresent()) {
                return diff.get();
            }
        }
        Map<String, ObjectId> all = mirror.files(tip, globs);
        Map<String, ObjectId> changes = new HashMap<>();
        all.forEach((path, blob) -> {
            MinutesFileState known = state.files().get(path);
            if (known == null || !blob.name().equals(known.blob())) {
                changes.put(path, blob);
            }
        });
        state.files().keySet().stream().filter(path -> !all.containsKey(path)).forEach(path -> changes.put(path, null));
        return changes;
    }

    static DecisionMinutes withCommit(DecisionMinutes m, String commit) {
        Meeting meeting = m.meeting();
        return new DecisionMinutes(m.decisionId(), m.title(), m.status(), m.date(), m.owner(), m.attendees(), m.topic(),
                m.context(), m.decision(), m.rationale(), m.supersedes(), m.commits(), m.links(),
                new Meeting(meeting.title(), meeting.date(), meeting.sourceRepo(), meeting.path(), commit));
    }

    /**
     * A digest of the value as it would be published, without the commit: a file touched by a commit that left a
     * decision as it was does not republish that decision.
     */
    static String hash(DecisionMinutes minutes) {
        byte[] json = Topics.MINUTES.valueSerde().serialize(Topics.MINUTES.name(), withCommit(minutes, null));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(json);
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    private static long millisSince(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }
}
