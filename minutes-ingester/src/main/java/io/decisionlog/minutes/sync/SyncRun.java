package io.decisionlog.minutes.sync;

import io.decisionlog.events.Keys;
import io.decisionlog.events.MinutesError;
import io.decisionlog.events.RejectedMinutes;
import io.decisionlog.minutes.parse.MinutesParser;
import io.decisionlog.minutes.parse.ParsedDecision;
import io.decisionlog.minutes.parse.ParsedMinutes;
import io.decisionlog.events.MinutesFileState;
import io.decisionlog.events.MinutesSourceState;
import org.eclipse.jgit.lib.ObjectId;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
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
import java.util.stream.Stream;

/**
 * The working copy of one sync of one source: what it reads, publishes and would remember. Applied to the
 * {@link SourceState} by the caller only once every record is acknowledged. The rules are on {@link SourceSync}.
 */
final class SyncRun {
    /** Path to record and decision id to path, as they will be once the sync is acknowledged. */
    final Map<String, MinutesFileState> files;
    final Map<String, String> owners;
    final Instant now;
    private final SourceState state;
    private final GitMirror mirror;
    private final ObjectId tip;
    private final Publisher.Publication out;
    private final String source;
    private final MinutesParser parser;
    private final Set<String> dirty = new TreeSet<>();
    private final Set<String> released = new LinkedHashSet<>();
    private int filesRead;
    private int published;
    private int tombstones;
    private int rejected;
    private int cleared;

    SyncRun(SourceState state, GitMirror mirror, ObjectId tip, Publisher.Publication out, MinutesParser parser,
            Instant now) {
        this.parser = parser;
        this.now = now;
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
            MinutesFileState before = files.get(path);
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
            MinutesFileState file = files.get(path);
            out.file(Keys.rejectedMinutes(source, path), file);
        }
        Registration r = state.registration();
        out.source(source, new MinutesSourceState(source, r.url(), r.branch(), r.include(), tip.name(), now));
        out.await();
        long done = System.nanoTime();
        return new SyncReport(source, tip.name(), true, filesRead, published, tombstones, rejected, cleared,
                (done - started) / 1_000_000, (fetched - started) / 1_000_000, (read - fetched) / 1_000_000,
                (done - read) / 1_000_000);
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
        (contents.size() > SourceSync.PARALLEL_FROM ? stream.parallel() : stream)
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
        MinutesFileState before = files.remove(path);
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
        MinutesFileState before = files.get(path);
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
            errors.sort(Comparator.comparingInt(MinutesError::line).thenComparingInt(MinutesError::column));
            if (before == null || !before.errors().equals(errors)) {
                out.rejection(Keys.rejectedMinutes(source, path), new RejectedMinutes(source, path, tip.name(), errors));
                rejected++;
            }
            put(new MinutesFileState(source, path, blob.name(), defines, published, errors), before);
            return;
        }
        Map<String, String> next = new TreeMap<>();
        for (ParsedDecision decision : minutes.decisions()) {
            String id = decision.id();
            String hash = SourceSync.hash(decision.minutes());
            String owner = owners.get(id);
            if (!path.equals(owner) || !hash.equals(published.get(id))) {
                if (owner != null && !owner.equals(path) && files.containsKey(owner)) {
                    MinutesFileState previous = files.get(owner);
                    files.put(owner, previous.withoutPublished(id));
                    dirty.add(owner);
                }
                out.decision(id, SourceSync.withCommit(decision.minutes(), tip.name()));
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
        put(new MinutesFileState(source, path, blob.name(), defines, next, List.of()), before);
    }

    private void put(MinutesFileState file, MinutesFileState before) {
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
