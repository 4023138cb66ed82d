package io.decisionlog.graph.bench.store;

import io.decisionlog.events.BlameFile;
import io.decisionlog.events.BlameRange;
import io.decisionlog.events.ChainDecision;
import io.decisionlog.events.CiRun;
import io.decisionlog.events.DecisionChain;
import io.decisionlog.events.DecisionMinutes;
import io.decisionlog.events.GitCommit;
import io.decisionlog.events.Meeting;
import io.decisionlog.events.Person;
import io.decisionlog.events.Via;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * The store benchmark's synthetic team, a pure function of the seed and an index: {@link StoreLoad} writes it,
 * {@link TraceLoad} regenerates it to pick lines and to check that each answer names the commit written for that
 * line. One repository ({@value #REPO}); files of {@code lines} lines in ~8 ranges each, over {@code commits}
 * commits; one chain per commit (0-2 CI runs, 0-2 decisions, most with minutes); {@code decisions} minutes.
 */
public final class StoreDataset {
    public static final String REPO = "bench/store";
    private static final Instant T0 = Instant.parse("2022-01-03T09:00:00Z");
    private static final String[] DIRS = {"config", "deploy", "k8s", "flags"};
    private static final String[] NAMES = {"app", "values", "limits", "routes", "features"};
    private static final String[] KEYS = {"timeout", "retries", "max-connections", "pool-size", "replicas", "image",
            "log-level", "cache-ttl", "queue-depth", "read-timeout", "circuit-breaker", "rate-limit", "batch-size",
            "heap", "cpu-request", "memory-limit", "feature-gray-release", "downgrade-switch", "callback-url",
            "region", "shards", "keepalive", "idle-timeout", "backoff", "jitter", "health-path", "port"};
    private static final String[] PREFIXES = {"payments", "checkout", "ledger", "search", "orders", "inventory",
            "gateway", "notifications", "auth", "billing", "catalog", "shipping"};
    private static final String[] VALUES = {"30s", "5", "200", "true", "false", "\"info\"", "512Mi", "2", "0.05",
            "\"eu-west-1\"", "1500ms", "\"/healthz\"", "8080", "\"registry.local/app:1.42.0\"", "64", "10m", "3"};
    private static final String[] WORDS = {"raised", "after", "incident", "per", "decision", "see", "minutes", "keep",
            "below", "limit", "for", "gray", "release", "rollback", "safe", "default", "tuned", "load", "test", "p99",
            "callback", "retry", "storm", "budget", "owner", "review", "quarterly", "capacity", "plan"};
    private static final String[] PEOPLE = {"li.wei", "zhang.san", "wang.wu", "ana.silva", "james.okoro", "maria.rossi",
            "kenji.sato", "fatima.zahra", "lars.nilsson", "priya.nair", "tom.becker", "chen.jing"};
    private static final String[] STATUSES = {"accepted", "accepted", "accepted", "accepted", "accepted", "accepted",
            "accepted", "proposed", "superseded", "rejected", "deprecated"};
    private static final List<List<Via>> VIAS = List.of(List.of(Via.TRAILER), List.of(Via.CI_INPUT),
            List.of(Via.CI_TITLE), List.of(Via.TRAILER, Via.CI_INPUT), List.of(Via.MINUTES),
            List.of(Via.CI_DISPATCH, Via.MERGE), List.of(Via.CI_INPUT, Via.MERGE));

    public final long seed;
    public final int files;
    public final int lines;
    public final int commits;
    public final int decisions;

    public StoreDataset(long seed, int files, int lines, int commits, int decisions) {
        this.seed = seed;
        this.files = files;
        this.lines = lines;
        this.commits = commits;
        this.decisions = decisions;
    }

    /** From {@code key=value} arguments: seed, files, lines, commits, decisions. */
    public static StoreDataset of(Map<String, String> args) {
        return new StoreDataset(Long.parseLong(args.getOrDefault("seed", "42")),
                Integer.parseInt(args.getOrDefault("files", "10000")),
                Integer.parseInt(args.getOrDefault("lines", "100")),
                Integer.parseInt(args.getOrDefault("commits", "50000")),
                Integer.parseInt(args.getOrDefault("decisions", "5000")));
    }

    // --- identities ---------------------------------------------------------------------------------------------

    /** A 40-hex sha, unique per commit index (160 pseudo-random bits). */
    public String sha(int commit) {
        return hex16(mix(1, commit)) + hex16(mix(2, commit)) + hex16(mix(3, commit)).substring(0, 8);
    }

    public String path(int file) {
        int i = file % 20;
        return String.format("svc-%04d/%s/%s-%02d.yaml", file / 20, DIRS[i % 4], NAMES[i / 4], i);
    }

    public static String decisionId(int decision) {
        return String.format("D-%d-%03d", 2020 + decision / 1000, decision % 1000);
    }

    // --- blame --------------------------------------------------------------------------------------------------

    /** A file's ranges: first lines (ascending, the first is 1) and the commit index of each. */
    public record Ranges(int[] starts, int[] commits) {
        /** Index of the range that covers {@code line}. */
        public int rangeOf(int line) {
            int at = Arrays.binarySearch(starts, line);
            return at >= 0 ? at : -at - 2;
        }
    }

    public Ranges ranges(int file) {
        SplittableRandom random = new SplittableRandom(mix(4, file));
        int count = Math.min(lines, 4 + random.nextInt(9)); // 4..12, 8 on average
        boolean[] cut = new boolean[lines + 1];
        cut[1] = true;
        int made = 1;
        while (made < count) {
            int start = 2 + random.nextInt(lines - 1);
            if (!cut[start]) {
                cut[start] = true;
                made++;
            }
        }
        int[] starts = new int[count];
        for (int line = 1, k = 0; line <= lines; line++) {
            if (cut[line]) {
                starts[k++] = line;
            }
        }
        int[] owners = new int[count];
        for (int k = 0; k < count; k++) {
            // recent commits own more of the tip than old ones (a quadratic skew towards the newest)
            owners[k] = commits - 1 - (int) (commits * Math.pow(random.nextDouble(), 2));
        }
        return new Ranges(starts, owners);
    }

    /** The commit index that wrote {@code line} (1-based) of {@code file}. */
    public int commitOf(int file, int line) {
        Ranges ranges = ranges(file);
        return ranges.commits()[ranges.rangeOf(line)];
    }

    /** A YAML-ish line of 30-60 characters. */
    public String text(int file, int line) {
        SplittableRandom random = new SplittableRandom(mix(5, (long) file * 100_003 + line));
        int target = 30 + random.nextInt(31);
        StringBuilder text = new StringBuilder(64);
        text.append("  ".repeat(random.nextInt(3)));
        text.append(PREFIXES[random.nextInt(PREFIXES.length)]).append('-').append(KEYS[random.nextInt(KEYS.length)]);
        text.append(": ").append(VALUES[random.nextInt(VALUES.length)]);
        if (text.length() < 30 || text.length() + 8 <= target) {
            text.append("  #");
            while (true) {
                String word = WORDS[random.nextInt(WORDS.length)];
                if (text.length() >= 30 && text.length() + 1 + word.length() > target) {
                    break;
                }
                text.append(' ').append(word);
            }
        }
        text.setLength(Math.min(text.length(), 60));
        return text.toString();
    }

    public BlameFile blame(int file) {
        String path = path(file);
        Ranges ranges = ranges(file);
        SplittableRandom random = new SplittableRandom(mix(6, file));
        List<BlameRange> list = new ArrayList<>(ranges.starts().length);
        for (int k = 0; k < ranges.starts().length; k++) {
            int start = ranges.starts()[k];
            int end = k + 1 < ranges.starts().length ? ranges.starts()[k + 1] : lines + 1;
            // one range in ten came from the file's old place before a rename, or from further down the old file
            String origPath = random.nextInt(10) == 0 ? path.replace("/" + DIRS[(file % 20) % 4] + "/", "/legacy/") : path;
            int origStart = Math.max(1, start + random.nextInt(14) - 3);
            list.add(new BlameRange(start, end - start, sha(ranges.commits()[k]), origPath, origStart));
        }
        List<String> text = new ArrayList<>(lines);
        for (int line = 1; line <= lines; line++) {
            text.add(text(file, line));
        }
        return new BlameFile(REPO, path, sha(commits - 1), lines, list, text);
    }

    // --- commits and chains -------------------------------------------------------------------------------------

    private Person person(int index) {
        String name = PEOPLE[Math.floorMod(index, PEOPLE.length)];
        return new Person(name, name + "@example.com");
    }

    public GitCommit commit(int commit, List<String> trailerDecisions) {
        SplittableRandom random = new SplittableRandom(mix(7, commit));
        Instant authored = T0.plusSeconds(commit * 600L + random.nextInt(300));
        Person author = person(random.nextInt(PEOPLE.length));
        String service = String.format("svc-%04d", random.nextInt(Math.max(1, files / 20)));
        String key = PREFIXES[random.nextInt(PREFIXES.length)] + "-" + KEYS[random.nextInt(KEYS.length)];
        String subject = service + ": set " + key + " to " + VALUES[random.nextInt(VALUES.length)].replace("\"", "");
        StringBuilder message = new StringBuilder(subject).append("\n\n")
                .append("The previous value caused ").append(WORDS[random.nextInt(WORDS.length)]).append(' ')
                .append(WORDS[random.nextInt(WORDS.length)]).append(" under peak load; this follows the capacity "
                        + "review and keeps the service inside its error budget.\n");
        Map<String, List<String>> trailers = new TreeMap<>();
        if (!trailerDecisions.isEmpty()) {
            message.append('\n');
            trailerDecisions.forEach(id -> message.append("Decision: ").append(id).append('\n'));
            trailers.put("Decision", trailerDecisions);
        }
        return new GitCommit(REPO, sha(commit), commit == 0 ? List.of() : List.of(sha(commit - 1)), author,
                random.nextInt(4) == 0 ? new Person("ci-bot", "ci-bot@example.com") : author, authored,
                authored.plusSeconds(random.nextInt(3600)), subject, message.toString(), trailers, trailerDecisions,
                List.of());
    }

    /** The chain of a commit as the topology would have written it. */
    public DecisionChain chain(int commit) {
        SplittableRandom random = new SplittableRandom(mix(8, commit));
        int roll = random.nextInt(100);
        int runCount = roll < 20 ? 0 : roll < 80 ? 1 : 2;
        roll = random.nextInt(100);
        int decisionCount = decisions == 0 ? 0 : roll < 30 ? 0 : roll < 85 ? 1 : 2;
        // by decision index, which sorts like the ids (zero-padded, year first)
        TreeMap<Integer, List<Via>> linked = new TreeMap<>();
        while (linked.size() < decisionCount) {
            linked.put(random.nextInt(decisions), VIAS.get(random.nextInt(VIAS.size())));
        }
        List<String> trailerIds = idsVia(linked, Via.TRAILER, Via.TRAILER);
        List<String> inputIds = idsVia(linked, Via.CI_INPUT, Via.CI_DISPATCH);
        List<String> titleIds = idsVia(linked, Via.CI_TITLE, Via.CI_TITLE);
        GitCommit git = commit(commit, trailerIds);
        List<CiRun> runs = new ArrayList<>(runCount);
        for (int r = 0; r < runCount; r++) {
            long runId = 9_000_000_000L + commit * 3L + r;
            Instant started = git.committedAt().plusSeconds(60 + random.nextInt(600));
            Instant completed = started.plusSeconds(90 + random.nextInt(900));
            boolean dispatched = r == 0 && !inputIds.isEmpty();
            String title = titleIds.isEmpty() || r > 0 ? git.subject() : "Deploy " + String.join(", ", titleIds);
            runs.add(new CiRun("github", REPO, Long.toString(runId), 1, r == 0 ? "deploy" : "verify",
                    r == 0 ? ".github/workflows/deploy.yml" : ".github/workflows/verify.yml",
                    dispatched ? "workflow_dispatch" : "push", git.sha(), "main", git.author().name(), "completed",
                    random.nextInt(20) == 0 ? "failure" : "success", started, completed, completed,
                    "https://github.com/" + REPO + "/actions/runs/" + runId, title,
                    dispatched ? inputIds : List.of(), dispatched ? "rollout per the minutes" : null,
                    "d" + Long.toHexString(mix(9, runId)), completed.plusSeconds(2)));
        }
        List<String> missing = new ArrayList<>();
        if (runs.isEmpty()) {
            missing.add("no CI run for this commit");
        }
        if (linked.isEmpty()) {
            missing.add("no decision for this commit");
            runs.forEach(run -> missing.add("run " + run.runId() + " carries no decision id"));
        }
        List<ChainDecision> chainDecisions = new ArrayList<>();
        linked.forEach((decision, vias) -> {
            String id = decisionId(decision);
            // one decision in ten is not (yet) in any minutes
            DecisionMinutes found = random.nextInt(10) == 0 ? null : minutes(decision);
            if (found == null) {
                missing.add("decision " + id + " has no minutes");
            }
            chainDecisions.add(new ChainDecision(id, vias, found));
        });
        return new DecisionChain(git, runs, chainDecisions, missing.isEmpty(), missing);
    }

    /** A decision as the minutes record it. */
    public DecisionMinutes minutes(int decision) {
        SplittableRandom random = new SplittableRandom(mix(10, decision));
        String id = decisionId(decision);
        LocalDate date = LocalDate.of(2020 + decision / 1000, 1, 6).plusDays(random.nextInt(350));
        String topic = PREFIXES[random.nextInt(PREFIXES.length)] + " " + KEYS[random.nextInt(KEYS.length)].replace('-', ' ');
        List<String> attendees = new ArrayList<>();
        int count = 3 + random.nextInt(4);
        for (int k = 0; k < count; k++) {
            String person = PEOPLE[(decision + k * 5) % PEOPLE.length];
            if (!attendees.contains(person)) {
                attendees.add(person);
            }
        }
        String minutesSha = hex16(mix(11, decision)) + hex16(mix(12, decision)) + hex16(mix(13, decision)).substring(0, 8);
        return new DecisionMinutes(id, "Change " + topic + " for the " + WORDS[random.nextInt(WORDS.length)] + " case",
                STATUSES[random.nextInt(STATUSES.length)], date, attendees.get(0), attendees, topic,
                "P1 alerts on the " + topic + " path, " + (3 + random.nextInt(30)) + " a day over the last month",
                "set " + topic + " to a value from the load test, for 5% of traffic first, then everyone after a week",
                "keeps checkout inside its error budget while the handler is rewritten; reversible with one commit",
                decision > 0 && random.nextInt(10) == 0 ? List.of(decisionId(decision - 1)) : List.of(),
                random.nextBoolean() && commits > 0 ? List.of(sha(random.nextInt(commits)).substring(0, 10)) : List.of(),
                List.of("https://wiki.example.com/decisions/" + id),
                new Meeting("Weekly architecture sync", date, "acme/minutes",
                        "minutes/" + date.getYear() + "/" + date + "-architecture-sync.yaml", minutesSha));
    }

    // --- randomness ---------------------------------------------------------------------------------------------

    private long mix(long stream, long index) {
        long z = seed * 0x9E3779B97F4A7C15L + stream * 0xBF58476D1CE4E5B9L + index * 0x94D049BB133111EBL;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static String hex16(long value) {
        String hex = Long.toHexString(value);
        return "0".repeat(16 - hex.length()) + hex;
    }

    private static List<String> idsVia(Map<Integer, List<Via>> linked, Via one, Via other) {
        return linked.entrySet().stream().filter(e -> e.getValue().contains(one) || e.getValue().contains(other))
                .map(e -> decisionId(e.getKey())).toList();
    }
}
