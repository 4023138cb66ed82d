package io.decisionlog.cli.demo;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.MergeCommand;
import org.eclipse.jgit.api.MergeResult;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.revwalk.RevCommit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A sample team, built with JGit only (no git CLI needed): {@code acme/payments}, a config repository with a year of
 * history (five people, Decision trailers, a feature branch merged with {@code --no-ff}, a renamed file, lines that
 * survive many commits), and {@code acme/minutes}, the meeting minutes that decided it (one file deliberately
 * broken). Fixed authors and dates make every sha the same on every machine and every run.
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

    public static final String ARCH_SYNC_MINUTES = "minutes/2024/2024-04-10-arch-sync.yaml";
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
        Map<Step, Commit> commits = buildPayments(payments);
        List<String> files = buildMinutes(minutes, commits);
        Map<Step, Line> lines = new LinkedHashMap<>();
        lines.put(Step.RETRIES, line(payments, PAYMENTS_YAML, "callback_retries: 5", Step.RETRIES));
        lines.put(Step.BATCHING, line(payments, PAYMENTS_YAML, "schedule: \"*/15 * * * *\"", Step.BATCHING));
        lines.put(Step.THREE_DS, line(payments, PAYMENTS_YAML, "challenge: always", Step.THREE_DS));
        lines.put(Step.PSP_TIMEOUT, line(payments, GATEWAY_PROPERTIES, "psp.read-timeout=8s", Step.PSP_TIMEOUT));
        lines.put(Step.INITIAL, line(payments, GATEWAY_PROPERTIES, "psp.merchant-id=ACME-PAY-0042", Step.INITIAL));
        return new Built(payments, minutes, Map.copyOf(commits), files, INCIDENT_MINUTES, Map.copyOf(lines));
    }

    // --- acme/payments ----------------------------------------------------------------------------------------

    private static Map<Step, Commit> buildPayments(Path dir) throws IOException, GitAPIException {
        Map<Step, Commit> commits = new LinkedHashMap<>();
        try (WorkTree repo = WorkTree.init(dir)) {
            repo.write(PAYMENTS_YAML, PAYMENTS_V1);
            repo.write(VALUES_PROD, VALUES_V1);
            repo.write(PSP_PROPERTIES, PSP_V1);
            repo.write(DEPLOY_WORKFLOW, DEPLOY_WORKFLOW_TEXT);
            repo.write(RELEASE_WORKFLOW, RELEASE_WORKFLOW_TEXT);
            repo.write(".gitlab-ci.yml", GITLAB_CI_TEXT);
            commits.put(Step.INITIAL, repo.commit(ZHANG_SAN, "2024-03-04T10:15:00", """
                    Initial payments service configuration

                    Service, database, callback and settlement settings as they run in
                    production today, the Helm values, the PSP gateway settings and the
                    deploy workflows.
                    """));

            repo.edit(PAYMENTS_YAML, "    max_size: 20", "    max_size: 40");
            repo.edit(PAYMENTS_YAML, "    min_idle: 5", "    min_idle: 10");
            commits.put(Step.POOL, repo.commit(WANG_WU, "2024-03-18T16:40:00", """
                    Tune the connection pool for the March peak

                    Checkout latency p99 went over 800 ms at 20 connections during the
                    sales weekend; 40 keeps it under 300 ms in the load test.

                    Reviewed-by: Li Wei <li.wei@acme.example>
                    """));

            repo.edit(PAYMENTS_YAML, "  callback_retries: 3", "  callback_retries: 5");
            repo.edit(PAYMENTS_YAML, "  retry_backoff: 2s", "  retry_backoff: 5s");
            repo.edit(PAYMENTS_YAML, "    enabled: false\n    traffic_percent: 0", "    enabled: true\n    traffic_percent: 5");
            commits.put(Step.RETRIES, repo.commit(LI_WEI, "2024-04-11T09:42:00", """
                    Raise callback retries for the P0 alerts

                    The PSP callback path raised 23 P0 alerts a day: most were transient
                    timeouts that a longer backoff absorbs. The downgrade switch goes to 5%
                    of traffic as agreed in the architecture sync.

                    Decision: D-2024-087
                    """));

            repo.rename(PSP_PROPERTIES, GATEWAY_PROPERTIES);
            commits.put(Step.RENAME, repo.commit(PRIYA_NAIR, "2024-04-22T14:05:00", """
                    Rename psp.properties to gateway.properties

                    The file holds the whole payment gateway's settings, not only the PSP's.
                    """));

            repo.branch(FEATURE_BRANCH, commits.get(Step.RENAME).sha());
            repo.edit(PAYMENTS_YAML, "  schedule: \"0 2 * * *\"", "  schedule: \"*/15 * * * *\"");
            commits.put(Step.BATCHING, repo.commit(CARLOS_MENDES, "2024-05-06T11:20:00", """
                    Send settlement files every 15 minutes

                    The bank accepts intraday settlement files since May; merchants no
                    longer wait for the 02:00 batch.
                    """));
            repo.edit(PAYMENTS_YAML, "  batch_size: 5000", "  batch_size: 800");
            repo.edit(VALUES_PROD, "  SETTLEMENT_WORKERS: \"2\"", "  SETTLEMENT_WORKERS: \"4\"");
            commits.put(Step.WORKERS, repo.commit(CARLOS_MENDES, "2024-05-07T15:55:00", """
                    Smaller settlement batches, more workers

                    The bank's SFTP endpoint refuses files over 1,000 records; 800 leaves
                    headroom, and 4 workers keep up with a file every 15 minutes.
                    """));

            repo.checkout(BRANCH);
            repo.edit(VALUES_PROD, "  tag: \"2.13.0\"", "  tag: \"2.14.1\"");
            commits.put(Step.IMAGE, repo.commit(WANG_WU, "2024-05-08T10:02:00", """
                    Bump the payments image to 2.14.1
                    """));

            commits.put(Step.MERGE, repo.mergeNoFastForward(FEATURE_BRANCH, LI_WEI, "2024-05-09T17:30:00", """
                    Merge branch 'feature/settlement-batching'

                    Intraday settlement: a file every 15 minutes, at most 800 payments per
                    file, 4 workers.
                    """));

            repo.edit(GATEWAY_PROPERTIES, "psp.read-timeout=15s", "psp.read-timeout=8s");
            commits.put(Step.PSP_TIMEOUT, repo.commit(ZHANG_SAN, "2024-06-03T08:45:00", """
                    Shorten the PSP read timeout to 8s

                    A hung PSP connection held checkout threads for 15 s during the 1 June
                    incident; the PSP's own p99.9 is 4 s.

                    Decision-Id: D-2024-102
                    """));

            repo.edit(GATEWAY_PROPERTIES, "psp.max-connections=64\n", "psp.max-connections=64\npsp.routing.br=acquirer-br-01\n");
            commits.put(Step.ROUTING, repo.commit(PRIYA_NAIR, "2024-09-12T12:10:00", """
                    Route Brazilian cards to the local acquirer
                    """));

            repo.edit(PAYMENTS_YAML, "    challenge: risk_based\n    regions: [US, EU, APAC]",
                    "    challenge: always\n    regions: [EU]");
            commits.put(Step.THREE_DS, repo.commit(WANG_WU, "2025-01-14T09:30:00", """
                    Require a 3DS2 challenge for EU cards

                    Risk-based exemptions stay for the other regions. Deployed by the
                    compliance pipeline on GitLab.
                    """));

            repo.edit(VALUES_PROD, "  maxReplicas: 12", "  maxReplicas: 20");
            commits.put(Step.HPA, repo.commit(ZHANG_SAN, "2025-01-20T18:00:00", """
                    Raise the HPA ceiling for the sales week

                    Co-authored-by: Wang Wu <wang.wu@acme.example>
                    """));
        }
        return commits;
    }

    // --- acme/minutes -----------------------------------------------------------------------------------------

    private static List<String> buildMinutes(Path dir, Map<Step, Commit> commits) throws IOException, GitAPIException {
        try (WorkTree repo = WorkTree.init(dir)) {
            repo.write("README.md", """
                    # Minutes

                    One YAML file per meeting under `minutes/YEAR/`, in decision-log's minutes format.
                    CI runs `./decisionlog validate` on every change.
                    """);
            repo.write(ARCH_SYNC_MINUTES, ARCH_SYNC_TEXT.replace("${BATCHING_SHA}", commits.get(Step.BATCHING).sha().substring(0, 8)));
            repo.commit(WANG_WU, "2024-04-10T18:30:00", """
                    Minutes of the weekly architecture sync, 2024-04-10
                    """);
            repo.write(INCIDENT_MINUTES, INCIDENT_TEXT);
            repo.commit(ZHANG_SAN, "2024-06-05T19:10:00", """
                    Minutes of the PSP timeout incident review
                    """);
            repo.write(SCA_MINUTES, SCA_TEXT);
            repo.commit(PRIYA_NAIR, "2025-01-09T17:45:00", """
                    Decision D-2025-003: 3DS2 challenge for EU cards
                    """);
        }
        return List.of(ARCH_SYNC_MINUTES, INCIDENT_MINUTES, SCA_MINUTES);
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

    /** A non-bare repository being written: files, then commits with a fixed identity and date. */
    private static final class WorkTree implements AutoCloseable {
        private final Git git;
        private final Path dir;
        private final Set<String> changed = new LinkedHashSet<>();
        private final Set<String> removed = new LinkedHashSet<>();

        private WorkTree(Git git, Path dir) {
            this.git = git;
            this.dir = dir;
        }

        static WorkTree init(Path dir) throws IOException, GitAPIException {
            Files.createDirectories(dir);
            Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch(BRANCH).call();
            // the repository's own settings win over whatever ~/.gitconfig says: same bytes, no signing prompt
            StoredConfig config = git.getRepository().getConfig();
            config.setString("core", null, "autocrlf", "false");
            config.setBoolean("commit", null, "gpgsign", false);
            config.save();
            return new WorkTree(git, dir);
        }

        void write(String path, String text) throws IOException {
            Path file = dir.resolve(path);
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
            changed.add(path);
        }

        /** Replaces the one occurrence of {@code from}; anything else is a mistake in this class. */
        void edit(String path, String from, String to) throws IOException {
            String text = Files.readString(dir.resolve(path), StandardCharsets.UTF_8);
            int at = text.indexOf(from);
            if (at < 0 || text.indexOf(from, at + 1) >= 0) {
                throw new IllegalStateException("'" + from + "' must occur exactly once in " + path);
            }
            write(path, text.substring(0, at) + to + text.substring(at + from.length()));
        }

        void rename(String from, String to) throws IOException {
            Path target = dir.resolve(to);
            Files.createDirectories(target.getParent());
            Files.move(dir.resolve(from), target);
            removed.add(from);
            changed.add(to);
        }

        Commit commit(Member who, String localDateTime, String message) throws GitAPIException {
            stage();
            PersonIdent ident = who.at(localDateTime);
            RevCommit commit = git.commit().setAuthor(ident).setCommitter(ident).setMessage(message)
                    .setSign(false).setNoVerify(true).call();
            return new Commit(commit.getName(), who, ident.getWhenAsInstant(), commit.getFullMessage());
        }

        void branch(String name, String startPoint) throws GitAPIException {
            git.checkout().setCreateBranch(true).setName(name).setStartPoint(startPoint).call();
        }

        void checkout(String name) throws GitAPIException {
            git.checkout().setName(name).call();
        }

        /** {@code git merge --no-ff BRANCH} with the given merger, date and message: a commit with two parents. */
        Commit mergeNoFastForward(String branch, Member who, String localDateTime, String message)
                throws GitAPIException, IOException {
            Ref ref = git.getRepository().exactRef("refs/heads/" + branch);
            MergeResult result = git.merge().include(ref).setFastForward(MergeCommand.FastForwardMode.NO_FF)
                    .setCommit(false).call();
            if (result.getMergeStatus() != MergeResult.MergeStatus.MERGED_NOT_COMMITTED) {
                throw new IllegalStateException("merging " + branch + " gave " + result.getMergeStatus()
                        + (result.getConflicts() == null ? "" : ", conflicts in " + result.getConflicts().keySet()));
            }
            return commit(who, localDateTime, message);
        }

        private void stage() throws GitAPIException {
            if (!changed.isEmpty()) {
                var add = git.add();
                changed.forEach(add::addFilepattern);
                add.call();
            }
            if (!removed.isEmpty()) {
                var rm = git.rm().setCached(true);
                removed.forEach(rm::addFilepattern);
                rm.call();
            }
            changed.clear();
            removed.clear();
        }

        @Override
        public void close() {
            git.close();
        }
    }

    // --- the files ----------------------------------------------------------------------------------------------

    private static final String PAYMENTS_V1 = """
            # payments service: production configuration
            service:
              name: payments
              port: 8443
              shutdown_grace_period: 30s

            database:
              url: jdbc:postgresql://payments-db.internal:5432/payments
              pool:
                max_size: 20
                min_idle: 5
                connection_timeout: 3s

            callbacks:
              endpoint: /psp/callback
              callback_retries: 3
              retry_backoff: 2s
              signature_check: strict

            settlement:
              schedule: "0 2 * * *"
              batch_size: 5000
              sftp_host: sftp.bank.example

            features:
              downgrade_switch:
                enabled: false
                traffic_percent: 0
              three_ds:
                challenge: risk_based
                regions: [US, EU, APAC]
            """;

    private static final String VALUES_V1 = """
            # Helm values of payments in production
            image:
              repository: registry.acme.example/payments
              tag: "2.13.0"
              pullPolicy: IfNotPresent

            replicaCount: 4

            resources:
              requests:
                cpu: 500m
                memory: 1Gi
              limits:
                cpu: "2"
                memory: 2Gi

            autoscaling:
              enabled: true
              minReplicas: 4
              maxReplicas: 12
              targetCPUUtilizationPercentage: 70

            env:
              SPRING_PROFILES_ACTIVE: prod
              SETTLEMENT_WORKERS: "2"
              CALLBACK_TIMEOUT: 30s
            """;

    private static final String PSP_V1 = """
            # payment service provider gateway
            psp.base-url=https://api.psp.example/v2
            psp.merchant-id=ACME-PAY-0042
            psp.connect-timeout=2s
            psp.read-timeout=15s
            psp.max-connections=64
            psp.tls.min-version=TLSv1.2
            """;

    private static final String DEPLOY_WORKFLOW_TEXT = """
            name: Deploy
            # a manual deploy names the decision it ships; the run's title carries it
            run-name: Deploy ${{ inputs.decision_id || github.ref_name }}
            on:
              push:
                branches: [main]
              workflow_dispatch:
                inputs:
                  decision_id:
                    description: Decision id from the minutes (e.g. D-2024-087)
                    required: true
            jobs:
              deploy:
                runs-on: ubuntu-latest
                environment: production
                steps:
                  - uses: actions/checkout@v4
                  - run: ./deploy.sh production
            """;

    private static final String RELEASE_WORKFLOW_TEXT = """
            name: Release
            on:
              workflow_dispatch:
                inputs:
                  decision_id:
                    description: Decision id from the minutes
                    required: true
                  reason:
                    description: Why this release, in one line
                    required: true
                  environment:
                    type: choice
                    options: [staging, production]
            jobs:
              release:
                runs-on: ubuntu-latest
                environment: ${{ inputs.environment }}
                steps:
                  - uses: actions/checkout@v4
                  - run: ./release.sh "${{ inputs.environment }}"
            """;

    private static final String GITLAB_CI_TEXT = """
            # the PCI-scoped deploy runs on the compliance GitLab, which mirrors this repository
            stages: [verify, deploy]
            variables:
              DECISION_ID: ""
              DECISION_REASON: ""
            verify-config:
              stage: verify
              script: ./verify-config.sh
            deploy-pci:
              stage: deploy
              script: ./deploy.sh pci
              rules:
                - if: $DECISION_ID != ""
            """;

    private static final String ARCH_SYNC_TEXT = """
            meeting: Weekly architecture sync
            date: 2024-04-10
            attendees: [li.wei, zhang.san, wang.wu, carlos.mendes]
            decisions:
              - id: D-2024-087
                title: Gray-release the downgrade switch
                owner: li.wei
                status: accepted
                topic: payment callback retries
                context: P0 alerts from the payment callback path, 23 a day
                decision: enable the downgrade switch for 5% of traffic, then 100% after a week; retry callbacks 5 times with a 5s backoff
                rationale: keeps checkout up while the callback handler is rewritten
                supersedes: [D-2023-011]
              - id: D-2024-088
                title: Move PSP callbacks onto a queue now
                owner: zhang.san
                status: rejected
                topic: payment callback retries
                decision: not now; revisit after the callback handler rewrite
                rationale: a queue adds an ordering problem we cannot test before the peak
              - id: D-2024-091
                title: Intraday settlement files
                owner: carlos.mendes
                status: accepted
                topic: settlement latency
                context: merchants wait for the 02:00 batch; the bank accepts intraday files from May
                decision: send a settlement file every 15 minutes, at most 800 payments per file, with 4 workers
                rationale: merchants see their money the same day; the bank's SFTP refuses files over 1,000 records
                commits: [${BATCHING_SHA}]
            """;

    /** Deliberately broken: {@code status} is indented one space short, so the file is not valid YAML. */
    private static final String INCIDENT_TEXT = """
            meeting: Incident review, PSP timeouts of 1 June
            date: 2024-06-05
            attendees: [zhang.san, priya.nair, li.wei]
            decisions:
              - id: D-2024-102
                title: Shorten the PSP read timeout
                owner: zhang.san
               status: accepted
                decision: read timeout 8s (was 15s); alert when the PSP's p99 passes 4s
                rationale: a hung PSP connection must not hold checkout threads
            """;

    private static final String SCA_TEXT = """
            decision_id: D-2025-003
            meeting: PSD2 strong customer authentication review
            title: Require a 3DS2 challenge for EU cards
            date: 2025-01-09
            owner: priya.nair
            attendees: [priya.nair, li.wei, wang.wu]
            status: accepted
            topic: strong customer authentication
            context: the PSD2 audit found risk-based exemptions applied to EU cards above the exemption threshold
            decision: always challenge EU cards with 3DS2; other regions stay risk based
            rationale: the audit requires it before the end of the quarter; the conversion cost is about 1%
            links: [https://wiki.acme.example/payments/sca-audit-2025]
            """;
}
