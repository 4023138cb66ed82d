package io.decisionlog.cli;

import io.decisionlog.cli.demo.DemoLoad;
import io.decisionlog.cli.gate.GateCommand;

import java.util.Arrays;
import java.util.List;

/**
 * The command-line client behind {@code ./decisionlog}: {@code trace}, {@code validate}, {@code register-repo},
 * {@code register-minutes}, {@code demo-load}. Results go to stdout, messages to stderr; exit codes in {@link Exit}.
 */
public final class Main {
    static final String USAGE = String.join("\n",
            "usage: decisionlog COMMAND [ARGS]",
            "  " + TraceCommand.USAGE,
            "      why is this line here: commit, CI runs, decisions and minutes (exit 1 when the chain is not complete)",
            "  " + HistoryCommand.USAGE,
            "      every commit that changed the line, newest first (as git log -L), each with its decisions and runs",
            "  " + GateCommand.USAGE,
            "      before a merge: does every change to governed config in base..head carry a decision that counts?",
            "      (.decisionlog.yaml; exit 1 with the hunks that do not, 3 when decision-graph cannot be asked)",
            "  " + ValidateCommand.USAGE,
            "      check minutes files against the format (FILE:LINE:COLUMN: message; exit 4 when one is invalid)",
            "  " + RegisterCommands.REPO_USAGE,
            "      track a git repository of config (a local path or a URL)",
            "  " + RegisterCommands.MINUTES_USAGE,
            "      track a git repository of meeting minutes",
            "  " + TokenCommands.USAGE,
            "      mint, list and revoke API tokens (an admin's token: DECISIONLOG_TOKEN, else $DECISIONLOG_DATA_DIR/admin.token)",
            "  " + SignoffCommand.USAGE,
            "      a steward signs off a decision's chain: its digest, optionally SSH-signed (a steward's DECISIONLOG_TOKEN)",
            "  " + VerifyCommand.USAGE,
            "      check the transparency log of sign-offs and audit events: signed checkpoint, every entry, no rewrite",
            "  " + EvidenceCommand.USAGE,
            "      download a range's evidence bundle (commits, chains, decisions, sign-offs, proofs) to check offline",
            "  " + DemoLoad.USAGE,
            "      build a sample team under DIR/demo and load it into the running stack (./decisionlog demo)",
            "exit codes: 0 ok, 1 not found or not complete, 2 usage, 3 service unreachable, 4 validation failed");

    private Main() {
    }

    public static void main(String[] args) {
        Http http = Http.defaults().withToken(Tokens.resolve(System.getenv()));
        System.exit(run(args, new Context(System.out, System.err, System.getenv(), http)));
    }

    public static int run(String[] argv, Context ctx) {
        if (argv.length == 0) {
            ctx.err().println(USAGE);
            return Exit.USAGE;
        }
        String command = argv[0];
        List<String> rest = Arrays.asList(argv).subList(1, argv.length);
        if (usageOf(command) != null && (rest.contains("--help") || rest.contains("-h"))) {
            ctx.out().println("usage: decisionlog " + usageOf(command));
            return Exit.OK;
        }
        try {
            return switch (command) {
                case "trace" -> TraceCommand.run(rest, ctx);
                case "history" -> HistoryCommand.run(rest, ctx);
                case "gate" -> GateCommand.run(rest, ctx);
                case "validate" -> ValidateCommand.run(rest, ctx);
                case "register-repo" -> RegisterCommands.repo(rest, ctx);
                case "register-minutes" -> RegisterCommands.minutes(rest, ctx);
                case "token" -> TokenCommands.run(rest, ctx);
                case "signoff" -> SignoffCommand.run(rest, ctx);
                case "verify" -> VerifyCommand.run(rest, ctx);
                case "evidence" -> EvidenceCommand.run(rest, ctx);
                case "demo-load" -> DemoLoad.run(rest, ctx);
                case "help", "-h", "--help" -> {
                    ctx.out().println(USAGE);
                    yield Exit.OK;
                }
                default -> throw CliException.usage("unknown command '" + command + "'");
            };
        } catch (CliException e) {
            ctx.err().println("decisionlog: " + e.getMessage());
            if (e.synopsis() && usageOf(command) != null) {
                ctx.err().println("usage: decisionlog " + usageOf(command));
            } else if (usageOf(command) == null) {
                ctx.err().println(USAGE);
            }
            return e.exitCode();
        }
    }

    private static String usageOf(String command) {
        return switch (command) {
            case "trace" -> TraceCommand.USAGE;
            case "history" -> HistoryCommand.USAGE;
            case "gate" -> GateCommand.USAGE;
            case "validate" -> ValidateCommand.USAGE;
            case "register-repo" -> RegisterCommands.REPO_USAGE;
            case "register-minutes" -> RegisterCommands.MINUTES_USAGE;
            case "token" -> TokenCommands.USAGE;
            case "signoff" -> SignoffCommand.USAGE;
            case "verify" -> VerifyCommand.USAGE;
            case "evidence" -> EvidenceCommand.USAGE;
            case "demo-load" -> DemoLoad.USAGE;
            default -> null;
        };
    }
}
