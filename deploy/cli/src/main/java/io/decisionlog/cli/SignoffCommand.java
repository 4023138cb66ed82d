package io.decisionlog.cli;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * {@code signoff DECISION [--repo R] [--comment TEXT] [--sign-with KEY] [--show]}: a steward signs off a decision's
 * chain. Shows the chain's digest and its sign-offs, then signs off that digest, with an SSH signature made by
 * {@code ssh-keygen -Y sign -n decisionlog} when a key is given (the private key never leaves this machine). Needs a
 * steward's token ({@code DECISIONLOG_TOKEN}).
 */
public final class SignoffCommand {
    static final String USAGE = "signoff DECISION-ID [--repo OWNER/NAME] [--comment TEXT] [--sign-with ~/.ssh/id_ed25519]"
            + " [--show] [--url " + Context.GRAPH_URL + "]";
    private static final String SERVICE = "decision-graph";
    private static final Set<String> FLAGS = Set.of("--show");
    private static final Set<String> VALUED = Set.of("--repo", "--comment", "--sign-with", "--url");

    private SignoffCommand() {
    }

    static int run(List<String> argv, Context ctx) {
        Args args = Args.parse(argv, FLAGS, VALUED);
        String decision = args.positionals(1, "one decision id").get(0);
        String signoffs = Http.base(args.value("--url", Context.GRAPH_URL)) + "/api/v1/decisions/"
                + Http.encode(decision) + "/signoffs";
        String repo = args.value("--repo", null);
        JsonNode view = RegisterCommands.answer(SERVICE, ctx.http().get(SERVICE, signoffs
                + (repo == null ? "" : "?repo=" + Http.encode(repo))), "the decision");
        ctx.out().print(render(view));
        if (args.flag("--show")) {
            return Exit.OK;
        }
        String digest = view.path("digest").asText();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("repo", view.path("repo").asText());
        body.put("digest", digest);
        body.put("comment", args.value("--comment", null));
        String key = args.value("--sign-with", null);
        if (key != null) {
            body.put("signature", sign(Path.of(key.replaceFirst("^~(?=/)", System.getProperty("user.home"))), digest));
        }
        JsonNode given = RegisterCommands.answer(SERVICE, ctx.http().postJson(SERVICE, signoffs, body), "the sign-off");
        ctx.out().println("signed off " + decision + " in " + view.path("repo").asText() + " at " + digest + " ("
                + given.path("signoff_id").asText() + (given.hasNonNull("signature")
                ? ", SSH signature by " + given.path("signature").path("key_fingerprint").asText() : ", unsigned") + ")");
        return Exit.OK;
    }

    static String render(JsonNode view) {
        StringBuilder out = new StringBuilder();
        out.append(view.path("decision_id").asText()).append(" in ").append(view.path("repo").asText()).append(": ")
                .append(view.path("commits").asInt()).append(view.path("commits").asInt() == 1 ? " commit" : " commits")
                .append(", digest ").append(view.path("digest").asText())
                .append(view.path("required").asBoolean() ? " (its registration requires a sign-off)" : "").append('\n');
        for (JsonNode signoff : view.path("signoffs")) {
            out.append("  ").append(signoff.path("state").asText()).append("  ")
                    .append(signoff.path("signed_at").asText()).append("  ").append(signoff.path("steward").asText())
                    .append(signoff.hasNonNull("signature") ? " (signed " + signoff.path("signature")
                            .path("key_fingerprint").asText() + ")" : "");
            if (signoff.hasNonNull("comment")) {
                out.append(": ").append(signoff.path("comment").asText());
            }
            if (signoff.hasNonNull("revoked_by")) {
                out.append("  — revoked by ").append(signoff.path("revoked_by").asText())
                        .append(signoff.hasNonNull("revoke_reason") ? ": " + signoff.path("revoke_reason").asText() : "");
            }
            out.append('\n');
        }
        return out.toString();
    }

    /** {@code ssh-keygen -Y sign} over the digest's text, as the server checks it; its prompts reach the terminal. */
    private static String sign(Path key, String digest) {
        if (!Files.isReadable(key)) {
            throw CliException.usage("--sign-with: cannot read the key " + key);
        }
        try {
            Process process = new ProcessBuilder("ssh-keygen", "-q", "-Y", "sign", "-n", "decisionlog", "-f",
                    key.toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            process.getOutputStream().write(digest.getBytes(StandardCharsets.UTF_8));
            process.getOutputStream().close();
            String signature = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw CliException.refused("ssh-keygen could not sign with " + key);
            }
            return signature;
        } catch (IOException e) {
            throw CliException.refused("ssh-keygen is needed to sign (Debian: openssh-client): " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CliException.refused("interrupted while signing");
        }
    }
}
