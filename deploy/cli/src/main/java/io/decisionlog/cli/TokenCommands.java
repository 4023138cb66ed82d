package io.decisionlog.cli;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code token create|list|revoke}: API tokens, minted by decision-graph and accepted by every service. Needs an
 * admin's token ({@code DECISIONLOG_TOKEN}, else the local stack's {@code admin.token}).
 */
public final class TokenCommands {
    static final String USAGE = "token create --role reader|steward|operator|admin [--repos R1,R2] [--expires 30d] "
            + "[--name NAME] | token list | token revoke ID   [--url " + Context.GRAPH_URL + "]";
    private static final String SERVICE = "decision-graph";

    private TokenCommands() {
    }

    static int run(List<String> argv, Context ctx) {
        Args args = Args.parse(argv, Set.of(), Set.of("--role", "--repos", "--expires", "--name", "--url"));
        List<String> positionals = args.positionals();
        if (positionals.isEmpty()) {
            throw CliException.usage("expected create, list or revoke");
        }
        String tokens = Http.base(args.value("--url", Context.GRAPH_URL)) + "/api/v1/tokens";
        return switch (positionals.get(0)) {
            case "create" -> create(args, tokens, ctx);
            case "list" -> list(tokens, ctx);
            case "revoke" -> revoke(args.positionals(2, "revoke and a token id").get(1), tokens, ctx);
            default -> throw CliException.usage("unknown token command '" + positionals.get(0) + "'");
        };
    }

    private static int create(Args args, String tokens, Context ctx) {
        String role = args.value("--role", null);
        if (role == null) {
            throw CliException.usage("--role is required (reader, steward, operator or admin)");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", args.value("--name", role + " token"));
        body.put("role", role);
        String repos = args.value("--repos", "");
        body.put("repos", repos.isBlank() ? List.of() : Arrays.stream(repos.split(",")).map(String::trim).toList());
        body.put("expires_in", args.value("--expires", "90d"));
        JsonNode minted = RegisterCommands.answer(SERVICE, ctx.http().postJson(SERVICE, tokens, body), "the token");
        JsonNode token = minted.path("token");
        ctx.err().println("minted " + token.path("id").asText() + " (" + token.path("role").asText() + ", "
                + scope(token) + ", expires " + token.path("expires_at").asText() + "); the secret is shown this once:");
        ctx.out().println(minted.path("secret").asText());
        return Exit.OK;
    }

    private static int list(String tokens, Context ctx) {
        JsonNode all = RegisterCommands.answer(SERVICE, ctx.http().get(SERVICE, tokens), "the list");
        for (JsonNode token : all) {
            ctx.out().printf("%-18s %-9s %-28s expires %s%s  %s%n", token.path("id").asText(),
                    token.path("role").asText(), scope(token), token.path("expires_at").asText(),
                    token.path("expired").asBoolean() ? " (expired)" : "", token.path("name").asText());
        }
        return Exit.OK;
    }

    private static int revoke(String id, String tokens, Context ctx) {
        Http.Response response = ctx.http().delete(SERVICE, tokens + "/" + Http.encode(id));
        if (response.status() == 404) {
            throw new CliException(Exit.NOT_FOUND, "no token " + id);
        }
        if (!response.ok()) {
            RegisterCommands.answer(SERVICE, response, "the revocation");
        }
        ctx.out().println("revoked " + id + ": every service refuses it from now on");
        return Exit.OK;
    }

    private static String scope(JsonNode token) {
        return token.path("repos").isEmpty() ? "all repositories" : token.path("repos").toString();
    }
}
