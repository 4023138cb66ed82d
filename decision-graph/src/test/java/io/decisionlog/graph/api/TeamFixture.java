package io.decisionlog.graph.api;

import io.decisionlog.events.BlameFile;
import io.decisionlog.events.BlameRange;
import io.decisionlog.events.CiRun;
import io.decisionlog.events.CommitSignature;
import io.decisionlog.events.DecisionMinutes;
import io.decisionlog.events.GitCommit;
import io.decisionlog.events.Meeting;
import io.decisionlog.events.Person;
import io.decisionlog.events.Topics;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One small team's facts under a repository of its own, so test classes sharing the broker and database never see
 * each other's rows: config/app.yaml lines 1-3 by commit A (trailer decision), 4-5 by B (its CI run's title names
 * a decision), 6 by C (a commit decision-graph has not seen); config/empty.yaml has no lines.
 */
public final class TeamFixture {
    static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");

    public final String repo = "acme/store-" + Integer.toString(ThreadLocalRandom.current().nextInt(1 << 30), 36);
    public final String year = String.valueOf(2100 + ThreadLocalRandom.current().nextInt(7000));
    public final String decisionA = "D-" + year + "-001";
    public final String decisionB = "D-" + year + "-002";
    public final String shaA = sha('a');
    public final String shaB = sha('b');
    public final String shaC = sha('c');
    public final List<String> text = List.of("payments:", "  retries: 5", "  timeout: 30s", "  downgrade: true",
            "  share: 5%", "  owner: team-pay");

    GitCommit commitA() {
        return commit(shaA, "Raise callback retries\n\nDecision: " + decisionA + "\n", List.of(decisionA));
    }

    /** Signed by the steward's SSH key, as the blame-ingester verified it. */
    GitCommit commitB() {
        GitCommit c = commit(shaB, "Switch on the downgrade\n", List.of());
        return new GitCommit(c.repo(), c.sha(), c.parents(), c.author(), c.committer(), c.authoredAt(), c.committedAt(),
                c.subject(), c.message(), c.trailers(), c.decisionIds(), c.introduced(), new CommitSignature("ssh",
                "li.wei", "SHA256:Y+sIgqM9mQp8uAUo0VeAaSzJnSmHt", CommitSignature.Status.VERIFIED, null));
    }

    CiRun runOnB() {
        return new CiRun("github", repo, "9001", 1, "Deploy", ".github/workflows/deploy.yml", "push", shaB, "main",
                "li-wei", "completed", "success", T0, T0.plusSeconds(60), T0.plusSeconds(60), "https://ci/9001",
                "Deploy " + decisionB, List.of(), null, "delivery-9001", T0.plusSeconds(61));
    }

    DecisionMinutes minutesA() {
        return minutes(decisionA, "Gray-release the downgrade switch", "accepted", "li.wei", "2024-04-10");
    }

    DecisionMinutes minutesB() {
        return minutes(decisionB, "Share five percent of traffic", "proposed", "zhang.san", "2024-05-02");
    }

    BlameFile app() {
        return new BlameFile(repo, "config/app.yaml", shaC, 6, List.of(
                new BlameRange(1, 3, shaA, "config/app.yaml", 1),
                new BlameRange(4, 2, shaB, "config/old.yaml", 10),
                new BlameRange(6, 1, shaC, "config/app.yaml", 6)), text);
    }

    BlameFile empty() {
        return new BlameFile(repo, "config/empty.yaml", shaC, 0, List.of(), List.of());
    }

    /** Everything, in an order where nothing is known before it is needed. */
    public void publish(TopicFeed feed) {
        feed.send(Topics.COMMITS, commitA().key(), commitA())
                .send(Topics.COMMITS, commitB().key(), commitB())
                .send(Topics.CI_RUNS, runOnB().key(), runOnB())
                .send(Topics.MINUTES, decisionA, minutesA())
                .send(Topics.MINUTES, decisionB, minutesB())
                .send(Topics.BLAME, app().key(), app())
                .send(Topics.BLAME, empty().key(), empty());
    }

    /** A commit with no decision that a CI run shipped anyway, and the file it wrote: the reviewer's worklist. */
    public final String shaD = sha('d');

    public void publishUnlinkedChange(TopicFeed feed) {
        GitCommit commit = commit(shaD, "Bump the pool size\n", List.of());
        CiRun run = new CiRun("github", repo, "9002", 1, "Deploy", ".github/workflows/deploy.yml", "push", shaD, "main",
                "zhang-san", "completed", "success", T0, T0.plusSeconds(90), T0.plusSeconds(90), "https://ci/9002",
                "Deploy the pool", List.of(), null, "delivery-9002", T0.plusSeconds(91));
        BlameFile pool = new BlameFile(repo, "config/pool.yaml", shaD, 2,
                List.of(new BlameRange(1, 2, shaD, "config/pool.yaml", 1)), List.of("pool:", "  size: 20"));
        feed.send(Topics.COMMITS, commit.key(), commit).send(Topics.CI_RUNS, run.key(), run)
                .send(Topics.BLAME, pool.key(), pool);
    }

    public final String shaE = sha('e');

    /** A later commit that names decision A too: A's chain in the repository is another after it. */
    GitCommit laterCommitOnA() {
        return commit(shaE, "Lower the retries again\n\nDecision: " + decisionA + "\n", List.of(decisionA));
    }

    public final String shaL = sha('1');

    /** A file whose commit ({@link #lateCommit}) comes after it: traced first as not known, then with its chain. */
    BlameFile memoryFile(String sha, String firstLine) {
        return new BlameFile(repo, "config/memory.yaml", sha, 2,
                List.of(new BlameRange(1, 2, sha, "config/memory.yaml", 1)), List.of(firstLine, "  b: 2"));
    }

    GitCommit lateCommit() {
        return commit(shaL, "Add the memory switch\n", List.of());
    }

    /** A version of a decision's minutes, as the minutes commit {@code minutesCommit} left it. */
    DecisionMinutes revision(String id, String status, String rationale, String minutesCommit) {
        DecisionMinutes m = minutes(id, "Gray-release the downgrade switch", status, "li.wei", "2024-04-10");
        return new DecisionMinutes(id, m.title(), status, m.date(), m.owner(), m.attendees(), m.topic(), m.context(),
                m.decision(), rationale, m.supersedes(), m.commits(), m.links(),
                new Meeting(m.meeting().title(), m.meeting().date(), m.meeting().sourceRepo(), m.meeting().path(),
                        minutesCommit));
    }

    private GitCommit commit(String sha, String message, List<String> decisions) {
        Person author = new Person("Li Wei", "li.wei@acme.example");
        return new GitCommit(repo, sha, List.of(), author, author, T0, T0, message.lines().findFirst().orElseThrow(),
                message, decisions.isEmpty() ? Map.of() : Map.of("Decision", decisions), decisions, List.of());
    }

    private DecisionMinutes minutes(String id, String title, String status, String owner, String date) {
        return new DecisionMinutes(id, title, status, LocalDate.parse(date), owner, List.of(owner), "payment callbacks",
                "P0 alerts", "enable the downgrade switch", "keeps checkout up", List.of(), List.of(), List.of(),
                new Meeting("Weekly architecture sync", LocalDate.parse(date), "acme/minutes", "minutes/" + id + ".yaml",
                        sha('f')));
    }

    private String sha(char c) {
        return String.valueOf(c).repeat(8) + Integer.toHexString(repo.hashCode() | 0x10000000) + "0".repeat(24);
    }
}
