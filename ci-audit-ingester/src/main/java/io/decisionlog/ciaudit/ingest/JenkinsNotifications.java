package io.decisionlog.ciaudit.ingest;

import io.decisionlog.events.errors.BadRequest;
import io.decisionlog.events.CiRun;
import io.decisionlog.events.CiRunOrder;
import io.decisionlog.events.DecisionIds;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Jenkins Notification plugin's JSON. Jenkins knows no owner/name, so the repository comes from the
 * {@code repo} query parameter or, failing that, from the path of {@code build.scm.url}.
 */
public final class JenkinsNotifications {
    public static final String PROVIDER = "jenkins";
    private static final Pattern REPO_IN_URL = Pattern.compile("[:/]([^/:]+/[^/]+?)(?:\\.git)?/?$");
    private static final Map<String, String> PHASES = Map.of(
            "QUEUED", CiRunOrder.QUEUED, "STARTED", CiRunOrder.IN_PROGRESS,
            "COMPLETED", CiRunOrder.COMPLETED, "FINALIZED", CiRunOrder.COMPLETED);
    private static final Map<String, String> CONCLUSIONS = Map.of(
            "SUCCESS", "success", "FAILURE", "failure", "UNSTABLE", "failure",
            "ABORTED", "cancelled", "NOT_BUILT", "skipped");

    private final DecisionIds decisionIds;

    public JenkinsNotifications(DecisionIds decisionIds) {
        this.decisionIds = decisionIds;
    }

    public Normalized normalize(String repoParameter, byte[] body, Instant receivedAt) {
        Notification notification = Payloads.read(body, Notification.class);
        Build build = notification.build();
        if (build == null) {
            throw new BadRequest("build", "build is missing");
        }
        Scm scm = build.scm() == null ? new Scm(null, null, null) : build.scm();
        String phase = Fields.required("build.phase", build.phase()).toUpperCase(Locale.ROOT);
        String status = PHASES.getOrDefault(phase, CiRunOrder.QUEUED);
        boolean completed = CiRunOrder.COMPLETED.equals(status);
        Map<String, String> parameters = build.parameters() == null ? Map.of() : build.parameters();
        String job = Fields.required("name", notification.name());
        String number = Fields.required("build.number", build.number());
        Instant startedAt = build.timestamp() == null ? null : Instant.ofEpochMilli(build.timestamp());
        // start + duration, so that a redelivered notification is equal to the first, not newer
        Instant updatedAt = startedAt == null ? null
                : startedAt.plusMillis(completed && build.duration() != null ? build.duration() : 0);
        return new Normalized.Run(new CiRun(PROVIDER,
                Fields.repo(repoParameter != null ? "repo" : "build.scm.url",
                        repoParameter != null ? repoParameter : repoOf(scm.url())),
                number,
                1,
                Fields.cap(job, 200),
                Fields.cap(job, 500),
                "jenkins",
                Fields.sha("build.scm.commit", scm.commit()),
                Fields.cap(scm.branch(), 500),
                null,
                status,
                completed ? conclusion(build.status()) : null,
                startedAt,
                updatedAt,
                completed ? updatedAt : null,
                Fields.cap(build.fullUrl(), 500),
                Fields.cap(job + " #" + number),
                decisionIds.findIn(parameters.get("DECISION_ID")),
                Fields.cap(parameters.getOrDefault("DECISION_REASON", parameters.get("REASON"))),
                job + "#" + number + ":" + phase,
                receivedAt).withContext(null, DecisionInputs.of(parameters::get)));
    }

    /** Jenkins' result as the normalized conclusion (UNSTABLE is a failure: the build did not pass). */
    static String conclusion(String result) {
        return result == null ? null
                : CONCLUSIONS.getOrDefault(result.toUpperCase(Locale.ROOT), result.toLowerCase(Locale.ROOT));
    }

    static String repoOf(String scmUrl) {
        if (scmUrl == null) {
            return null;
        }
        Matcher matcher = REPO_IN_URL.matcher(scmUrl.trim());
        return matcher.find() ? matcher.group(1) : scmUrl;
    }

    @ProviderJson
    record Notification(String name, Build build) {
    }

    @ProviderJson
    record Build(String number, String phase, String status, String fullUrl, Long timestamp, Long duration, Scm scm,
                 Map<String, String> parameters) {
    }

    @ProviderJson
    record Scm(String url, String branch, String commit) {
    }
}
