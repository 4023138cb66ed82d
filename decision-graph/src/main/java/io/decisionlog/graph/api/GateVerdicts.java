package io.decisionlog.graph.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.decisionlog.events.DecisionMinutes;
import io.decisionlog.events.errors.BadRequest;
import io.decisionlog.events.errors.NotFound;
import io.decisionlog.graph.store.SignoffBook;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What the gate asks before a change merges: for each decision id a range carries, does it exist, is its status one
 * that counts, where are its minutes, and (where the policy says {@code signoff: true}) has a steward signed it off in
 * the repository. A decision the caller may not see is answered as an unknown one, as everywhere else.
 */
@ApplicationScoped
public class GateVerdicts {
    static final int MAX_DECISIONS = 100;
    static final int MAX_STATUSES = 10;
    static final List<String> DEFAULT_STATUSES = List.of("accepted");

    private final Decisions decisions;
    private final Lines lines;
    private final SignoffBook signoffs;

    @Inject
    public GateVerdicts(Decisions decisions, Lines lines, SignoffBook signoffs) {
        this.decisions = decisions;
        this.lines = lines;
        this.signoffs = signoffs;
    }

    /**
     * The question: the repository, the ids the range carries, the statuses that count (default: accepted), and
     * whether a steward's sign-off in the repository is needed too.
     */
    public record GateRequest(String repo, List<String> decisionIds, List<String> statuses, Boolean signoff) {
    }

    /** Each decision's verdict; {@code counts} false with the reason said as a person would say it. */
    public record GateAnswer(String repo, List<String> statuses, boolean signoff, List<Verdict> decisions) {
    }

    /** {@code signedOffBy}: the stewards whose sign-offs in the repository stand, when the gate asked for one. */
    public record Verdict(String decisionId, boolean counts, String status, String title, String minutesPath,
                          String reason, @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> signedOffBy) {
    }

    public GateAnswer answer(GateRequest request) {
        if (request == null || request.repo() == null || request.repo().isBlank()) {
            throw new BadRequest("repo", "repo is required");
        }
        lines.requireRepo(request.repo());
        List<String> ids = request.decisionIds() == null ? List.of() : request.decisionIds();
        if (ids.size() > MAX_DECISIONS) {
            throw new BadRequest("decision_ids", "at most " + MAX_DECISIONS + " decision ids per gate");
        }
        List<String> statuses = statuses(request.statuses());
        Set<String> unique = new LinkedHashSet<>();
        for (String id : ids) {
            if (id == null || id.length() > 64 || !decisions.isId(id)) {
                throw new BadRequest("decision_ids", "'" + shorten(id) + "' is not a decision id");
            }
            unique.add(id.trim());
        }
        boolean signoff = Boolean.TRUE.equals(request.signoff());
        return new GateAnswer(request.repo(), statuses, signoff, unique.stream().map(id -> {
            Verdict verdict = verdict(id, statuses);
            return signoff && verdict.counts() ? signedOff(verdict, request.repo()) : verdict;
        }).toList());
    }

    /** The verdict, counting only when a steward's sign-off of the decision in the repository stands (not revoked). */
    private Verdict signedOff(Verdict verdict, String repo) {
        List<String> stewards = signoffs.of(verdict.decisionId(), repo).stream()
                .filter(signoff -> !signoff.isRevoked()).map(signoff -> signoff.given().steward()).distinct().toList();
        if (!stewards.isEmpty()) {
            return new Verdict(verdict.decisionId(), true, verdict.status(), verdict.title(), verdict.minutesPath(),
                    null, stewards);
        }
        return new Verdict(verdict.decisionId(), false, verdict.status(), verdict.title(), verdict.minutesPath(),
                verdict.decisionId() + " is " + verdict.status() + " but no steward has signed it off in " + repo
                        + " (the policy asks for signoff: ./decisionlog signoff " + verdict.decisionId() + " --repo "
                        + repo + ")", List.of());
    }

    private Verdict verdict(String id, List<String> statuses) {
        DecisionMinutes minutes;
        try {
            minutes = decisions.decision(id).minutes();
        } catch (NotFound e) {
            return new Verdict(id, false, null, null, null, id + " is not known: no minutes define it", List.of());
        }
        if (minutes == null) {
            return new Verdict(id, false, null, null, null, id + " has no minutes yet: it is named on commits, but no "
                    + "meeting recorded it", List.of());
        }
        String status = minutes.status() == null ? "" : minutes.status().toLowerCase(Locale.ROOT);
        String path = minutes.meeting() == null ? null : minutes.meeting().path();
        if (statuses.contains(status)) {
            return new Verdict(id, true, status, minutes.title(), path, null, List.of());
        }
        return new Verdict(id, false, status, minutes.title(), path, id + " is " + (status.isEmpty() ? "without a status"
                : status) + " (counts: " + String.join(", ", statuses) + ")" + (path == null ? "" : "; minutes: " + path),
                List.of());
    }

    private static List<String> statuses(List<String> asked) {
        if (asked == null || asked.isEmpty()) {
            return DEFAULT_STATUSES;
        }
        if (asked.size() > MAX_STATUSES) {
            throw new BadRequest("statuses", "at most " + MAX_STATUSES + " statuses");
        }
        for (String status : asked) {
            if (status == null || !status.matches("[A-Za-z_-]{1,32}")) {
                throw new BadRequest("statuses", "'" + shorten(status) + "' is not a decision status");
            }
        }
        return asked.stream().map(status -> status.toLowerCase(Locale.ROOT)).distinct().toList();
    }

    private static String shorten(String text) {
        return text == null ? "null" : text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }
}
