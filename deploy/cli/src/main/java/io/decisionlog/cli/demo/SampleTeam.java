package io.decisionlog.cli.demo;

import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A sample team, built with JGit only (no git CLI needed): {@code acme/payments}, a config repository with a year of
 * history (five people, Decision trailers, a feature branch merged with {@code --no-ff}, a renamed file, lines that
 * survive many commits), and {@code acme/minutes}, the meeting minutes that decided it (one file deliberately
 * broken). Fixed authors and dates make every sha the same on every machine and every run. The histories are
 * {@link PaymentsHistory} and {@link MinutesHistory}; the files' texts and the commit messages are resources
 * ({@link SampleTexts}).
 */
public final class SampleTeam {
    public static final String REPO = "acme/payments";
    public static final String MINUTES_SOURCE = "acme/minutes";
    public static final String BRANCH = "main";
    public static final String FEATURE_BRANCH = "feature/settlement-batching";

    public static final String PAYMENTS_YAML = "config/payments.yaml";
    public static final String VALUES_PROD = "deploy/values-prod.yaml";
    public static final String PSP_PROPERTIES = "config/psp.properties";
    public static final String GATEWAY_PROPERTIES = "config/gateway.properties";
    public static final String DEPLOY_WORKFLOW = ".github/workflows/deploy.yml";
    public static final String RELEASE_WORKFLOW = ".github/workflows/release.yml";

    /** The retries decision D-2024-087 superseded: a decision that exists and no longer counts. */
    public static final String CALLBACK_REVIEW_MINUTES = "minutes/2023/2023-11-02-callback-review.yaml";
    public static final String ARCH_SYNC_MINUTES = "minutes/2024/2024-04-10-arch-sync.yaml";
    /** Deliberately broken: {@code status} is indented one space short, so the file is not valid YAML. */
    public static final String INCIDENT_MINUTES = "minutes/2024/2024-06-05-incident-review.yaml";
    public static final String SCA_MINUTES = "minutes/2025/2025-01-09-eu-3ds2.yaml";

    /** The commits of acme/payments, by the name the demo and the tests use. */
    public enum Step {
        INITIAL, POOL, RETRIES, RENAME, BATCHING, WORKERS, IMAGE, MERGE, PSP_TIMEOUT, ROUTING, THREE_DS, HPA
    }

    /** A person of the team: git identity, CI login, time zone. */
    public record Member(String name, String email, String login, ZoneOffset zone) {
        PersonIdent at(String localDateTime) {
            return new PersonIdent(name, email, LocalDateTime.parse(localDateTime).atOffset(zone).toInstant(), zone);
        }
    }

    public static final Member LI_WEI = new Member("Li Wei", "li.wei@acme.example", "li-wei", ZoneOffset.ofHours(8));
    public static final Member ZHANG_SAN = new Member("Zhang San", "zhang.san@acme.example", "zhang-san", ZoneOffset.ofHours(8));
    public static final Member WANG_WU = new Member("Wang Wu", "wang.wu@acme.example", "wang-wu", ZoneOffset.ofHours(8));
    public static final Member PRIYA_NAIR = new Member("Priya Nair", "priya.nair@acme.example", "priya-nair",
            ZoneOffset.ofHoursMinutes(5, 30));
    public static final Member CARLOS_MENDES = new Member("Carlos Mendes", "carlos.mendes@acme.example", "carlos-mendes",
            ZoneOffset.ofHours(-3));

    /** A line at the tip of main, and the commit that wrote it. */
    public record Line(String path, int line, String text, Step writtenBy) {
        public String label() {
            return path + ":" + line;
        }
    }

    /** A commit of acme/payments as the demo's CI deliveries describe it. */
    public record Commit(String sha, Member author, Instant authoredAt, String message) {
        public String subject() {
            int end = message.indexOf('\n');
            return end < 0 ? message : message.substring(0, end);
        }
    }

    /** What {@link #build} made. */
    public record Built(Path payments, Path minutes, Map<Step, Commit> commits, List<String> minutesFiles,
                        String brokenMinutesFile, Map<Step, Line> lines) {
        public String sha(Step step) {
            return commits.get(step).sha();
        }

        /** A short sha as a scribe writes it in the minutes. */
        public String shortSha(Step step) {
            return sha(step).substring(0, 8);
        }
    }

    private SampleTeam() {
    }

    /** Builds both repositories under {@code demoDir} ({@code payments/}, {@code minutes/}), replacing earlier ones. */
    public static Built build(Path demoDir) throws IOException, GitAPIException {
        Path payments = demoDir.resolve("payments");
        Path minutes = demoDir.resolve("minutes");
        deleteTree(payments);
        deleteTree(minutes);
        Map<Step, Commit> commits = PaymentsHistory.build(payments);
        List<String> files = MinutesHistory.build(minutes, commits);
        Map<Step, Line> lines = new LinkedHashMap<>();
        lines.put(Step.RETRIES, line(payments, PAYMENTS_YAML, "callback_retries: 5", Step.RETRIES));
        lines.put(Step.BATCHING, line(payments, PAYMENTS_YAML, "schedule: \"*/15 * * * *\"", Step.BATCHING));
        lines.put(Step.THREE_DS, line(payments, PAYMENTS_YAML, "challenge: always", Step.THREE_DS));
        lines.put(Step.PSP_TIMEOUT, line(payments, GATEWAY_PROPERTIES, "psp.read-timeout=8s", Step.PSP_TIMEOUT));
        lines.put(Step.INITIAL, line(payments, GATEWAY_PROPERTIES, "psp.merchant-id=ACME-PAY-0042", Step.INITIAL));
        return new Built(payments, minutes, Map.copyOf(commits), files, INCIDENT_MINUTES, Map.copyOf(lines));
    }

    /** The 1-based line of the tip file that is exactly {@code text} once stripped; it must be there once. */
    private static Line line(Path repo, String path, String text, Step writtenBy) throws IOException {
        List<String> lines = Files.readAllLines(repo.resolve(path), StandardCharsets.UTF_8);
        int found = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).strip().equals(text)) {
                if (found >= 0) {
                    throw new IllegalStateException(text + " is in " + path + " twice");
                }
                found = i;
            }
        }
        if (found < 0) {
            throw new IllegalStateException(text + " is not in " + path);
        }
        return new Line(path, found + 1, text, writtenBy);
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
