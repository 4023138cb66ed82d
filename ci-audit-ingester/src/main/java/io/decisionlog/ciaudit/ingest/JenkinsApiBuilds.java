package io.decisionlog.ciaudit.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.decisionlog.events.CiRun;
import io.decisionlog.events.CiRunOrder;
import io.decisionlog.events.DecisionIds;
import io.decisionlog.events.errors.BadRequest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A page of a Jenkins job's builds over its JSON API ({@code tree=allBuilds[…]{M,N}}, newest first). The commit is
 * {@code lastBuiltRevision.SHA1} of the git plugin's {@code BuildData} (of the one whose {@code remoteUrls} name the
 * repository when there are several); a build not yet past checkout has none and is left for a later pass. The
 * decision is the declared {@code DECISION_ID} parameter, the reason {@code DECISION_REASON}.
 */
public final class JenkinsApiBuilds {
    private final DecisionIds decisionIds;

    public JenkinsApiBuilds(DecisionIds decisionIds) {
        this.decisionIds = decisionIds;
    }

    /** The builds of a page as runs, each with its scheduled time; those with no commit yet are counted apart. */
    public record Page(List<Build> builds, int withoutCommit, List<String> refused) {
    }

    public record Build(Instant scheduledAt, CiRun run) {
    }

    public Page read(byte[] body, String job, String repo, String deliveryId, Instant receivedAt) {
        JsonNode builds = Payloads.tree(body).path("allBuilds");
        if (!builds.isArray()) {
            throw new BadRequest("allBuilds", "the answer has no allBuilds list (is the URL a job's?)");
        }
        List<Build> read = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        int withoutCommit = 0;
        for (int i = 0; i < builds.size(); i++) {
            JsonNode build = builds.get(i);
            String field = "allBuilds[" + i + "].";
            try {
                String sha = commit(build, repo);
                if (sha == null) {
                    withoutCommit++;
                    continue;
                }
                read.add(build(build, field, sha, job, repo, deliveryId, receivedAt));
            } catch (BadRequest e) {
                refused.add(e.getMessage());
            }
        }
        return new Page(read, withoutCommit, refused);
    }

    private Build build(JsonNode build, String field, String sha, String job, String repo, String deliveryId,
                        Instant receivedAt) {
        String number = Fields.required(field + "number", build.path("number").asText(null));
        if (!build.path("timestamp").canConvertToLong()) {
            throw new BadRequest(field + "timestamp", field + "timestamp is missing");
        }
        Instant scheduled = Instant.ofEpochMilli(build.path("timestamp").asLong());
        boolean completed = !build.path("building").asBoolean(false) && !build.path("result").isNull()
                && build.hasNonNull("result");
        Instant updated = completed ? scheduled.plusMillis(build.path("duration").asLong(0)) : scheduled;
        Map<String, String> parameters = parameters(build);
        return new Build(scheduled, new CiRun(JenkinsNotifications.PROVIDER, repo, number, 1, Fields.cap(job, 200),
                Fields.cap(job, 500), "jenkins", Fields.sha(field + "lastBuiltRevision.SHA1", sha), null, null,
                completed ? CiRunOrder.COMPLETED : CiRunOrder.IN_PROGRESS,
                completed ? JenkinsNotifications.conclusion(build.path("result").asText()) : null,
                scheduled, updated, completed ? updated : null, Fields.cap(build.path("url").asText(null), 500),
                Fields.cap(job + " #" + number), decisionIds.findIn(parameters.get("DECISION_ID")),
                Fields.cap(parameters.getOrDefault("DECISION_REASON", parameters.get("REASON"))), deliveryId,
                receivedAt, CiRun.PULL).withContext(null, DecisionInputs.of(parameters::get)));
    }

    /** The checked-out commit: of the BuildData whose remote names the repository, else of the only one. */
    private static String commit(JsonNode build, String repo) {
        List<JsonNode> data = new ArrayList<>();
        for (JsonNode action : build.path("actions")) {
            if (action.has("lastBuiltRevision")) {
                data.add(action);
            }
        }
        for (JsonNode candidate : data) {
            for (JsonNode remote : candidate.path("remoteUrls")) {
                if (repo.equals(JenkinsNotifications.repoOf(remote.asText()))) {
                    return candidate.path("lastBuiltRevision").path("SHA1").asText(null);
                }
            }
        }
        return data.size() == 1 ? data.get(0).path("lastBuiltRevision").path("SHA1").asText(null) : null;
    }

    private static Map<String, String> parameters(JsonNode build) {
        Map<String, String> parameters = new HashMap<>();
        for (JsonNode action : build.path("actions")) {
            for (JsonNode parameter : action.path("parameters")) {
                if (parameter.hasNonNull("name") && parameters.size() < 50) {
                    parameters.put(Fields.cap(parameter.path("name").asText(), 100),
                            Fields.cap(parameter.path("value").asText(null)));
                }
            }
        }
        return parameters;
    }
}
