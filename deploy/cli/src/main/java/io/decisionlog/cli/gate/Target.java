package io.decisionlog.cli.gate;

import java.util.List;

/**
 * What must carry a decision: one commit that touched governed paths (policy {@code require: commit}), or the
 * range as a whole ({@code require: pull_request}); with its governed hunks and the decision ids it carries.
 *
 * @param commit the commit's sha, or null for the range as a whole
 */
public record Target(String commit, String subject, List<Hunk> hunks, List<String> decisionIds) {
    public boolean isRange() {
        return commit == null;
    }
}
