package io.decisionlog.graph.web;

import io.decisionlog.graph.api.Signoffs;
import io.decisionlog.graph.api.SignoffsView;

import java.time.Instant;
import java.util.List;

/**
 * A decision's chain in one repository as a steward reviews it on the decision's page: the digest a sign-off names,
 * the sign-offs so far, and, for a steward, the form that signs off that digest ({@code formAction}) with the commands
 * that make an SSH signature over it on the steward's own machine.
 */
public record SignoffPanel(String repo, String digest, int commits, boolean required, boolean current,
                           List<SignoffRow> signoffs, String formAction, String signCommand, String cliCommand) {

    static SignoffPanel of(SignoffsView view, Instant now) {
        List<SignoffRow> rows = view.signoffs().stream().map(entry -> SignoffRow.of(entry, now)).toList();
        boolean current = rows.stream().anyMatch(row -> "current".equals(row.state()));
        String signCommand = "printf '%s' '" + view.digest() + "' | ssh-keygen -Y sign -n " + Signoffs.NAMESPACE
                + " -f ~/.ssh/id_ed25519";
        String cliCommand = "./decisionlog signoff " + view.decisionId() + " --repo " + view.repo()
                + " --sign-with ~/.ssh/id_ed25519 --comment '…'";
        return new SignoffPanel(view.repo(), view.digest(), view.commits(), view.required(), current, rows,
                Hrefs.decision(view.decisionId()) + "/signoffs", signCommand, cliCommand);
    }
}
