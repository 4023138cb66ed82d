package io.decisionlog.minutes.sync;

import io.decisionlog.events.DecisionMinutes;
import io.decisionlog.events.Keys;
import io.decisionlog.events.Meeting;
import io.decisionlog.events.MinutesError;
import io.decisionlog.events.RejectedMinutes;
import io.decisionlog.events.Topics;
import io.decisionlog.minutes.parse.MinutesParser;
import io.decisionlog.minutes.parse.ParsedDecision;
import io.decisionlog.minutes.parse.ParsedMinutes;
import io.decisionlog.minutes.state.FileRecord;
import io.decisionlog.minutes.state.SourceRecord;
import org.eclipse.jgit.lib.ObjectId;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Stream;

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
    private static final int PARALLEL_FROM = 64;
    private final MinutesParser parser;
    private final Function<String, GitMirror> mirrors;
    private final java.time.Duration fetchTimeout;
    private final Clock clock;

    public SourceSync(MinutesParser parser, Function<String, GitMirror> mirrors, java.time.Duration fetchTimeout, Clock clock) {
        this.parser = parser;
        this.mirrors = mirrors;
        this.fetchTimeout = fetchTimeout;
        this.clock = clock;
    }

    /** Callers hold the state's lock. @throws SourceUnavailable when the repository cannot be fetched */
    SyncReport sync(SourceState state, Publisher publisher) {
        long started = System.nanoTime();
        Registration registration = state.registration();
        try (GitMirror mirror = mirrors.apply(registration.source())) {
            ObjectId tip = mirror.fetch(registration.url(), registration.branch(), fetchTimeout);
            if (tip.name().equals(state.commit())) {
                return SyncReport.unchanged(registration.source(), tip.name(), millisSince(started));
            }
            long fetched = System.nanoTime();
            Run run = new Run(state, mirror, tip, publisher.begin());
            SyncReport report = run.execute(changes(mirror, state, tip), started, fetched);
            state.synced(tip.name(), run.now, run.files, run.owners, report);
            return report;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the mirror of " + registration.source() + ": " + e.getMessage(), e);
        }
    }

    /** Path to new blob (null: gone). Without a usable last commit, every file is compared by blob id. */
    private static Map<String, ObjectId> changes(GitMirror mirror, SourceState state, ObjectId tip) throws IOException {
        IncludeGlobs globs = IncludeGlobs.of(state.registration().include());
        if (state.commit() != null) {
            var diff = mirror.changes(ObjectId.fromString(state.commit()), tip, globs);
            if (diff.isPresent()) {
                return diff.get();
            }
        }
        Map<String, ObjectId> all = mirror.files(tip, globs);
        Map<String, ObjectId> changes = new HashMap<>();
        all.forEach((path, blob) -> {
            FileRecord known = state.files().get(path);
            if (known == null || !blob.name().equals(known.blob())) {
                changes.put(path, blob);
            }
        });
        state.files().keySet().stream().filter(path -> !all.containsKey(path)).forEach(path -> changes.put(path, null));
        return changes;
    }

    /** The working copy of one sync: applied to the state only when every record is acknowledged. */
    private final class Run {
        final SourceState state;
        final GitMirror mirror;
        final ObjectId tip;
        final Publisher.Publication out;
        final String source;
        final Instant now = clock.instant();
        final Map<String, FileRecord> files;
        final Map<String, String> owners;
        final Set<String> dirty = new TreeSet<>();
        final Set<String> released = new LinkedHashSet<>();
        int filesRead;
        int published;
        int tombstones;
        int rejected;
        int cleared;

        Run(SourceState state, GitMirror mirror, ObjectId tip, Publisher.Publication out) {
            this.state = state;
            this.mirror = mirror;
            this.tip = tip;
            this.out = out;
            this.source = state.registration().source();
            this.files = new TreeMap<>(state.files());
            this.owners = new HashMap<>(state.owners());
        }

        SyncReport execute(Map<String, ObjectId> changes, long started, long fetched) throws IOException {
            Map<String, ObjectId> blobs = new HashMap<>(changes);
            Map<String, ObjectId> present = new HashMap<>(changes);
            present.values().removeIf(Objects::isNull);
            Map<String, ParsedMinutes> parsed = readAll(present);
            Set<String> affected = new TreeSet<>(changes.keySet());
            Set<String> touchedIds = new HashSet<>();
            for (String path : changes.keySet()) {
                FileRecord before = files.get(path);
                if (before != null) {
                    touchedIds.addAll(before.defines());
                }
                if (parsed.containsKey(path)) {
                    touchedIds.addAll(parsed.get(path).ids());
                }
            }
            Map<String, Set<String>> definers = index(touchedIds, changes.keySet(), parsed);
            touchedIds.forEach(id -> affected.addAll(definers.getOrDefault(id, Set.of())));
            Map<String, ObjectId> partners = new HashMap<>();
            for (String path : affected) {
                if (!parsed.containsKey(path) && !changes.containsKey(path)) {
                    // unchanged in git, but a duplicate involving it appeared or went away: read it again
                    partners.put(path, ObjectId.fromString(files.get(path).blob()));
                }
            }
            blobs.putAll(partners);
            parsed.putAll(readAll(partners));
            Set<String> evaluatedIds = new HashSet<>(touchedIds);
            parsed.values().forEach(minutes -> evaluatedIds.addAll(minutes.ids()));
            Map<String, Set<String>> index = index(evaluatedIds, changes.keySet(), parsed);
            long read = System.nanoTime();
            for (String path : affected) {
                ObjectId blob = blobs.get(path);
                if (blob == null) {
                    remove(path);
                } else {
                    evaluate(path, blob, parsed.get(path), index);
                }
            }
            for (String id : released) {
                if (!owners.containsKey(id)) {
                    out.decision(id, null);
                    tombstones++;
                }
            }
            for (String path : dirty) {
                FileRecord file = files.get(path);
                out.file(Keys.rejectedMinutes(source, path), file);
            }
            Registration r = state.registration();
            out.source(source, new SourceRecord(source, r.url(), r.branch(), r.include(), tip.name(), now));
            out.await();
            long now = System.nanoTime();
            return new SyncReport(source, tip.name(), true, filesRead, published, tombstones, rejected, cleared,
                    millisSince(started), (fetched - started) / 1_000_000, (read - fetched) / 1_000_000,
                    (now - read) / 1_000_000);
        }

        /** Blobs are read one after the other (one pack reader); parsing, the costly part, runs on every core. */
        private Map<String, ParsedMinutes> readAll(Map<String, ObjectId> blobs) throws IOException {
            Map<String, ParsedMinutes> parsed = new ConcurrentHashMap<>();
            Map<String, byte[]> contents = new HashMap<>();
            for (Map.Entry<String, ObjectId> blob : blobs.entrySet()) {
                filesRead++;
                long size = mirror.size(blob.getValue());
                if (size > parser.maxBytes()) {
                    parsed.put(blob.getKey(), new ParsedMinutes(List.of(), List.of(parser.tooLarge(size)), List.of()));
                } else {
                    contents.put(blob.getKey(), mirror.read(blob.getValue()));
                }
            }
            Stream<Map.Entry<String, byte[]>> stream = contents.entrySet().stream();
            (contents.size() > PARALLEL_FROM ? stream.parallel() : stream)
                    .forEach(file -> parsed.put(file.getKey(), parser.parse(file.getValue(), source, file.getKey())));
            return parsed;
        }

        /**
         * For the given ids only, the paths defining each after this sync's changes: one pass over what every file
         * defines, so a one-file change in a large source stays a few milliseconds.
         */
        private Map<String, Set<String>> index(Set<String> ids, Set<String> changed, Map<String, ParsedMinutes> parsed) {
            Map<String, Set<String>> index = new HashMap<>();
            files.forEach((path, file) -> {
                if (!changed.contains(path) && !parsed.containsKey(path)) {
                    for (String id : file.defines()) {
                        if (ids.contains(id)) {
                            index.computeIfAbsent(id, k -> new TreeSet<>()).add(path);
                        }
                    }
                }
            });
            parsed.forEach((path, minutes) ->
                    minutes.ids().forEach(id -> index.computeIfAbsent(id, k -> new TreeSet<>()).add(path)));
            return index;
        }

        private void remove(String path) {
            FileRecord before = files.remove(path);
            if (before == null) {
                return;
            }
            before.published().keySet().forEach(id -> release(id, path));
            if (before.rejected()) {
                out.rejection(before.key(), null);
                cleared++;
            }
            dirty.add(path);
        }

        private void evaluate(String path, ObjectId blob, ParsedMinutes minutes, Map<String, Set<String>> index) {
            FileRecord before = files.get(path);
            Map<String, String> published = before == null ? Map.of() : before.published();
            List<String> defines = minutes.ids().stream().distinct().toList();
            List<MinutesError> errors = new ArrayList<>(minutes.errors());
            for (ParsedDecision decision : minutes.decisions()) {
                Set<String> others = new TreeSet<>(index.getOrDefault(decision.id(), Set.of()));
                others.remove(path);
                if (!others.isEmpty()) {
                    errors.add(new MinutesError("decision id " + decision.id() + " is also defined in "
                            + String.join(", ", others) + "; neither version is published until only one file defines it",
                            decision.line(), decision.column()));
                }
            }
            if (!errors.isEmpty()) {
                errors.sort(java.util.Comparator.comparingInt(MinutesError::line).thenComparingInt(MinutesError::column));
                if (before == null || !before.errors().equals(errors)) {
                    out.rejection(Keys.rejectedMinutes(source, path), new RejectedMinutes(source, path, tip.name(), errors));
                    rejected++;
                }
                put(new FileRecord(source, path, blob.name(), defines, published, errors), before);
                return;
            }
            Map<String, String> next = new TreeMap<>();
            for (ParsedDecision decision : minutes.decisions()) {
                String id = decision.id();
                String hash = hash(decision.minutes());
                String owner = owners.get(id);
                if (!path.equals(owner) || !hash.equals(published.get(id))) {
                    if (owner != null && !owner.equals(path) && files.containsKey(owner)) {
                        FileRecord previous = files.get(owner);
                        files.put(owner, previous.withoutPublished(id));
                        dirty.add(owner);
                    }
                    out.decision(id, withCommit(decision.minutes(), tip.name()));
                    owners.put(id, path);
                    this.published++;
                }
                next.put(id, hash);
            }
            published.keySet().stream().filter(id -> !next.containsKey(id)).forEach(id -> release(id, path));
            if (before != null && before.rejected()) {
                out.rejection(before.key(), null);
                cleared++;
            }
            put(new FileRecord(source, path, blob.name(), defines, next, List.of()), before);
        }

        private void put(FileRecord file, FileRecord before) {
            if (!file.equals(before)) {
                files.put(file.path(), file);
                dirty.add(file.path());
            }
        }

        private void release(String id, String path) {
            if (path.equals(owners.get(id))) {
                owners.remove(id);
                released.add(id);
            }
        }
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
            return java.util.HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    private static long millisSince(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }
}
