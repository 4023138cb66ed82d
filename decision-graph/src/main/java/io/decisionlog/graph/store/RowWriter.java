package io.decisionlog.graph.store;

import io.decisionlog.events.BlameFile;
import io.decisionlog.events.BlameRange;
import io.decisionlog.events.ChainDecision;
import io.decisionlog.events.DecisionChain;
import io.decisionlog.events.DecisionMinutes;
import io.decisionlog.events.GitCommit;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The SQL of each kind of change, batched: delete the key's rows, then insert what the new value holds. */
final class RowWriter {
    private final Connection connection;

    RowWriter(Connection connection) {
        this.connection = connection;
    }

    void write(Collection<StoreChange> changes) throws SQLException {
        List<StoreChange.Blame> blames = only(changes, StoreChange.Blame.class);
        List<StoreChange.Chain> chains = only(changes, StoreChange.Chain.class);
        List<StoreChange.Minutes> minutes = only(changes, StoreChange.Minutes.class);
        writeBlame(blames);
        writeChains(chains);
        writeMinutes(minutes);
        new LogAppender(connection).append(only(changes, StoreChange.LogAppend.class));
    }

    private void writeBlame(List<StoreChange.Blame> changes) throws SQLException {
        if (changes.isEmpty()) {
            return;
        }
        try (PreparedStatement deleteRanges = connection.prepareStatement("DELETE FROM blame_range WHERE repo = ? AND path = ?");
             PreparedStatement deleteFile = connection.prepareStatement("DELETE FROM blame_file WHERE repo = ? AND path = ?");
             PreparedStatement upsertFile = connection.prepareStatement("""
                     INSERT INTO blame_file (repo, path, rev, line_count, has_text) VALUES (?, ?, ?, ?, ?)
                     ON CONFLICT (repo, path) DO UPDATE SET rev = excluded.rev, line_count = excluded.line_count,
                         has_text = excluded.has_text""");
             PreparedStatement insertRange = connection.prepareStatement("""
                     INSERT INTO blame_range (repo, path, start_line, line_count, sha, orig_path, orig_start, lines,
                         ignored_rev)
                     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            for (StoreChange.Blame change : changes) {
                bind(deleteRanges, change.repo(), change.path());
                deleteRanges.addBatch();
                BlameFile file = change.file();
                if (file == null) {
                    bind(deleteFile, change.repo(), change.path());
                    deleteFile.addBatch();
                    continue;
                }
                bind(upsertFile, change.repo(), change.path(), file.rev(), file.lines(), file.text() != null);
                upsertFile.addBatch();
                for (BlameRange range : file.ranges()) {
                    bind(insertRange, change.repo(), change.path(), range.start(), range.count(), range.sha(),
                            range.origPath(), range.origStart(), textOf(file, range), range.ignoredRev());
                    insertRange.addBatch();
                }
            }
            deleteRanges.executeBatch();
            deleteFile.executeBatch();
            upsertFile.executeBatch();
            insertRange.executeBatch();
        }
    }

    private java.sql.Array textOf(BlameFile file, BlameRange range) throws SQLException {
        if (file.text() == null) {
            return null;
        }
        int from = range.start() - 1;
        int to = from + range.count();
        if (from < 0 || range.count() < 1 || to > file.text().size()) {
            throw new IllegalArgumentException("range at line " + range.start() + " (" + range.count()
                    + " lines) lies outside the " + file.text().size() + " lines of " + file.path());
        }
        // PostgreSQL text cannot hold NUL; a stray one in a text file must not cost the whole file
        String[] lines = file.text().subList(from, to).stream().map(line -> line.replace('\0', '\uFFFD'))
                .toArray(String[]::new);
        return connection.createArrayOf("text", lines);
    }

    private void writeChains(List<StoreChange.Chain> changes) throws SQLException {
        if (changes.isEmpty()) {
            return;
        }
        try (PreparedStatement deleteLinks = connection.prepareStatement("DELETE FROM chain_decision WHERE repo = ? AND sha = ?");
             PreparedStatement deleteChain = connection.prepareStatement("DELETE FROM chain WHERE repo = ? AND sha = ?");
             PreparedStatement upsertChain = connection.prepareStatement("""
                     INSERT INTO chain (repo, sha, complete, decision_count, body, trace_commit, trace_links,
                                        committed_at, author, search_text, na_runs)
                     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                     ON CONFLICT (repo, sha) DO UPDATE SET complete = excluded.complete,
                         decision_count = excluded.decision_count, body = excluded.body,
                         trace_commit = excluded.trace_commit, trace_links = excluded.trace_links,
                         committed_at = excluded.committed_at, author = excluded.author,
                         search_text = excluded.search_text, na_runs = excluded.na_runs""");
             PreparedStatement insertLink = connection.prepareStatement("""
                     INSERT INTO chain_decision (decision_id, repo, sha) VALUES (?, ?, ?) ON CONFLICT DO NOTHING""")) {
            for (StoreChange.Chain change : changes) {
                bind(deleteLinks, change.repo(), change.sha());
                deleteLinks.addBatch();
                DecisionChain chain = change.chain();
                if (chain == null) {
                    bind(deleteChain, change.repo(), change.sha());
                    deleteChain.addBatch();
                    continue;
                }
                GitCommit commit = chain.commit();
                bind(upsertChain, change.repo(), change.sha(), chain.complete(), chain.decisions().size(), change.json(),
                        change.traceParts().commit(), change.traceParts().links(),
                        commit == null || commit.committedAt() == null ? null
                                : OffsetDateTime.ofInstant(commit.committedAt(), ZoneOffset.UTC),
                        commit == null || commit.author() == null ? null : commit.author().name(), searchText(commit),
                        naRuns(chain, change.sha()));
                upsertChain.addBatch();
                for (ChainDecision decision : chain.decisions()) {
                    bind(insertLink, decision.decisionId(), change.repo(), change.sha());
                    insertLink.addBatch();
                }
            }
            deleteLinks.executeBatch();
            deleteChain.executeBatch();
            upsertChain.executeBatch();
            insertLink.executeBatch();
        }
    }

    /** The chain's runs on the commit itself that carried no decision (a merge's runs count on the merge). */
    private static int naRuns(DecisionChain chain, String sha) {
        return (int) chain.ciRuns().stream().filter(run -> sha.equals(run.headSha()) && run.decisionIds().isEmpty())
                .count();
    }

    private void writeMinutes(List<StoreChange.Minutes> changes) throws SQLException {
        if (changes.isEmpty()) {
            return;
        }
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM decision WHERE decision_id = ?");
             PreparedStatement upsert = connection.prepareStatement("""
                     INSERT INTO decision (decision_id, title, status, owner, topic, decided_on, search_text, body)
                     VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                     ON CONFLICT (decision_id) DO UPDATE SET title = excluded.title, status = excluded.status,
                         owner = excluded.owner, topic = excluded.topic, decided_on = excluded.decided_on,
                         search_text = excluded.search_text, body = excluded.body""");
             PreparedStatement revise = connection.prepareStatement("""
                     INSERT INTO decision_revision (decision_id, revision, status, title, minutes_commit, minutes_path,
                                                    body)
                     SELECT ?, COALESCE(max(revision), 0) + 1, ?, ?, ?, ?, ?
                     FROM decision_revision WHERE decision_id = ?
                     HAVING bool_or(body = ?) IS NOT TRUE""")) {
            for (StoreChange.Minutes change : changes) {
                DecisionMinutes minutes = change.minutes();
                if (minutes == null) {
                    bind(delete, change.decisionId());
                    delete.addBatch();
                    continue;
                }
                bind(upsert, change.decisionId(), minutes.title(), minutes.status(), minutes.owner(), minutes.topic(),
                        minutes.date() == null ? null : Date.valueOf(minutes.date()), searchText(minutes), change.json());
                upsert.addBatch();
                // a version already recorded (the body holds the minutes commit) is a redelivery or a replay
                bind(revise, change.decisionId(), minutes.status(), minutes.title(),
                        minutes.meeting() == null ? null : minutes.meeting().commit(),
                        minutes.meeting() == null ? null : minutes.meeting().path(), change.json(), change.decisionId(),
                        change.json());
                revise.addBatch();
            }
            delete.executeBatch();
            upsert.executeBatch();
            // one statement per decision and in order: two versions of one decision in a batch number 1, then 2
            revise.executeBatch();
        }
    }

    /** What a search's {@code q} is matched against: the fields a person remembers a decision by. */
    static String searchText(DecisionMinutes minutes) {
        return Stream.of(minutes.decisionId(), minutes.title(), minutes.topic(), minutes.decision(), minutes.owner(),
                        minutes.status(), minutes.rationale())
                .filter(Objects::nonNull).collect(Collectors.joining("\n")).toLowerCase(Locale.ROOT);
    }

    /** What commit search matches: subject and message, without e-mail addresses (a search must not find by one). */
    static String searchText(GitCommit commit) {
        if (commit == null) {
            return null;
        }
        String text = Stream.of(commit.subject(), commit.message()).filter(Objects::nonNull)
                .collect(Collectors.joining("\n"));
        return PublicChain.withoutEmails(text).toLowerCase(Locale.ROOT);
    }

    private static void bind(PreparedStatement statement, Object... values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            if (values[i] == null) {
                // the server infers the column's type for an untyped null
                statement.setNull(i + 1, Types.NULL);
            } else {
                statement.setObject(i + 1, values[i]);
            }
        }
    }

    private static <T extends StoreChange> List<T> only(Collection<StoreChange> changes, Class<T> kind) {
        return changes.stream().filter(kind::isInstance).map(kind::cast).toList();
    }
}
