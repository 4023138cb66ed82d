package io.decisionlog.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * {@code evidence --repo R [--since DAY] [--until DAY] [--out FILE]}: downloads the evidence bundle of a repository's
 * range ({@code GET /api/v1/evidence}, a reader's token) to a file, streamed, then says how to check it offline
 * ({@code verify FILE --key … --allowed-signers …}).
 */
public final class EvidenceCommand {
    static final String USAGE = "evidence --repo OWNER/NAME [--since YYYY-MM-DD] [--until YYYY-MM-DD] [--out FILE] [--url "
            + Context.GRAPH_URL + "]";
    private static final String SERVICE = "decision-graph";
    private static final Set<String> VALUED = Set.of("--repo", "--since", "--until", "--out", "--url");

    private EvidenceCommand() {
    }

    static int run(List<String> argv, Context ctx) {
        Args args = Args.parse(argv, Set.of(), VALUED);
        args.positionals(0, "no arguments besides the options");
        String repo = args.value("--repo", null);
        if (repo == null) {
            throw CliException.usage("--repo is required: the repository whose range to export");
        }
        String since = args.value("--since", null);
        String until = args.value("--until", null);
        Path out = Path.of(args.value("--out", "evidence-" + repo.replace('/', '-')
                + (since == null ? "" : "-" + since) + (until == null ? "" : "-" + until) + ".jsonl"));
        if (Files.isDirectory(out)) {
            throw CliException.usage(out + " is a directory: --out names the bundle's file");
        }
        String url = Http.base(args.value("--url", Context.GRAPH_URL)) + "/api/v1/evidence?repo=" + Http.encode(repo)
                + (since == null ? "" : "&since=" + Http.encode(since)) + (until == null ? "" : "&until=" + Http.encode(until));
        Http.Response response = ctx.http().download(SERVICE, url, out);
        if (!response.ok()) {
            RegisterCommands.answer(SERVICE, response, "the export of " + repo);
        }
        ctx.out().println("wrote " + out + " (" + response.body() + " bytes): the evidence of " + repo
                + (since == null ? "" : " since " + since) + (until == null ? "" : " until " + until));
        ctx.out().println("check it offline: ./decisionlog verify " + out
                + " --key checkpoint.key.pub --allowed-signers stewards_allowed_signers");
        return Exit.OK;
    }
}
