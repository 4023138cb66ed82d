package io.decisionlog.cli.demo;

import io.decisionlog.cli.demo.SampleTeam.Commit;
import io.decisionlog.cli.demo.SampleTeam.Member;
import io.decisionlog.cli.demo.SampleTeam.Step;
import org.eclipse.jgit.api.errors.GitAPIException;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static io.decisionlog.cli.demo.SampleTeam.CARLOS_MENDES;
import static io.decisionlog.cli.demo.SampleTeam.DEPLOY_WORKFLOW;
import static io.decisionlog.cli.demo.SampleTeam.FEATURE_BRANCH;
import static io.decisionlog.cli.demo.SampleTeam.GATEWAY_PROPERTIES;
import static io.decisionlog.cli.demo.SampleTeam.LI_WEI;
import static io.decisionlog.cli.demo.SampleTeam.PAYMENTS_YAML;
import static io.decisionlog.cli.demo.SampleTeam.PRIYA_NAIR;
import static io.decisionlog.cli.demo.SampleTeam.PSP_PROPERTIES;
import static io.decisionlog.cli.demo.SampleTeam.RELEASE_WORKFLOW;
import static io.decisionlog.cli.demo.SampleTeam.VALUES_PROD;
import static io.decisionlog.cli.demo.SampleTeam.WANG_WU;
import static io.decisionlog.cli.demo.SampleTeam.ZHANG_SAN;

/**
 * The year of acme/payments, commit by commit: who changed which lines when. The files' first versions and the
 * commit messages are {@link SampleTexts}.
 */
final class PaymentsHistory {
    private final WorkTree repo;
    private final Map<Step, Commit> commits = new LinkedHashMap<>();

    private PaymentsHistory(WorkTree repo) {
        this.repo = repo;
    }

    static Map<Step, Commit> build(Path dir) throws IOException, GitAPIException {
        try (WorkTree repo = WorkTree.init(dir)) {
            PaymentsHistory history = new PaymentsHistory(repo);
            history.write();
            return history.commits;
        }
    }

    private void write() throws IOException, GitAPIException {
        repo.write(PAYMENTS_YAML, SampleTexts.paymentsFile("payments.yaml"));
        repo.write(VALUES_PROD, SampleTexts.paymentsFile("values-prod.yaml"));
        repo.write(PSP_PROPERTIES, SampleTexts.paymentsFile("psp.properties"));
        repo.write(DEPLOY_WORKFLOW, SampleTexts.paymentsFile("deploy-workflow.yml"));
        repo.write(RELEASE_WORKFLOW, SampleTexts.paymentsFile("release-workflow.yml"));
        repo.write(".gitlab-ci.yml", SampleTexts.paymentsFile("gitlab-ci.yml"));
        commit(Step.INITIAL, ZHANG_SAN, "2024-03-04T10:15:00");

        repo.edit(PAYMENTS_YAML, "    max_size: 20", "    max_size: 40");
        repo.edit(PAYMENTS_YAML, "    min_idle: 5", "    min_idle: 10");
        commit(Step.POOL, WANG_WU, "2024-03-18T16:40:00");

        repo.edit(PAYMENTS_YAML, "  callback_retries: 3", "  callback_retries: 5");
        repo.edit(PAYMENTS_YAML, "  retry_backoff: 2s", "  retry_backoff: 5s");
        repo.edit(PAYMENTS_YAML, "    enabled: false\n    traffic_percent: 0", "    enabled: true\n    traffic_percent: 5");
        commit(Step.RETRIES, LI_WEI, "2024-04-11T09:42:00");

        repo.rename(PSP_PROPERTIES, GATEWAY_PROPERTIES);
        commit(Step.RENAME, PRIYA_NAIR, "2024-04-22T14:05:00");

        repo.branch(FEATURE_BRANCH, commits.get(Step.RENAME).sha());
        repo.edit(PAYMENTS_YAML, "  schedule: \"0 2 * * *\"", "  schedule: \"*/15 * * * *\"");
        commit(Step.BATCHING, CARLOS_MENDES, "2024-05-06T11:20:00");
        repo.edit(PAYMENTS_YAML, "  batch_size: 5000", "  batch_size: 800");
        repo.edit(VALUES_PROD, "  SETTLEMENT_WORKERS: \"2\"", "  SETTLEMENT_WORKERS: \"4\"");
        commit(Step.WORKERS, CARLOS_MENDES, "2024-05-07T15:55:00");

        repo.checkout(SampleTeam.BRANCH);
        repo.edit(VALUES_PROD, "  tag: \"2.13.0\"", "  tag: \"2.14.1\"");
        commit(Step.IMAGE, WANG_WU, "2024-05-08T10:02:00");
        commits.put(Step.MERGE, repo.mergeNoFastForward(FEATURE_BRANCH, LI_WEI, "2024-05-09T17:30:00",
                SampleTexts.commitMessage(Step.MERGE)));

        repo.edit(GATEWAY_PROPERTIES, "psp.read-timeout=15s", "psp.read-timeout=8s");
        commit(Step.PSP_TIMEOUT, ZHANG_SAN, "2024-06-03T08:45:00");

        repo.edit(GATEWAY_PROPERTIES, "psp.max-connections=64\n", "psp.max-connections=64\npsp.routing.br=acquirer-br-01\n");
        commit(Step.ROUTING, PRIYA_NAIR, "2024-09-12T12:10:00");

        repo.edit(PAYMENTS_YAML, "    challenge: risk_based\n    regions: [US, EU, APAC]",
                "    challenge: always\n    regions: [EU]");
        commit(Step.THREE_DS, WANG_WU, "2025-01-14T09:30:00");

        repo.edit(VALUES_PROD, "  maxReplicas: 12", "  maxReplicas: 20");
        commit(Step.HPA, ZHANG_SAN, "2025-01-20T18:00:00");
    }

    private void commit(Step step, Member who, String localDateTime) throws GitAPIException {
        commits.put(step, repo.commit(who, localDateTime, SampleTexts.commitMessage(step)));
    }
}
