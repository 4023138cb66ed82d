package io.decisionlog.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.decisionlog.events.evidence.BundleVerification;
import io.decisionlog.events.signing.AllowedSigners;
import io.decisionlog.events.tlog.Checkpoint;
import io.decisionlog.events.tlog.LogVerification;
import io.decisionlog.events.tlog.NoteKeys;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;

/**
 * {@code verify [--key FILE] [--state FILE]}: an auditor's check of decision-graph's transparency log. Verifies the
 * signed checkpoint with the log's verifier key, recomputes the Merkle tree from every entry (an admin's token: the
 * entries are the audit trail) and compares it with the signed root, naming any entry edited or missing; with a
 * state file, also proves that the log extends the checkpoint verified last time, then keeps the new one there.
 * With an evidence bundle ({@code GET /api/v1/evidence}) instead, checks that offline ({@link BundleVerification}).
 * Exit 0 when everything holds, 1 when something does not.
 */
public final class VerifyCommand {
    static final String USAGE = "verify [--key CHECKPOINT_KEY.pub] [--state FILE] [--url " + Context.GRAPH_URL + "]\n"
            + "       verify BUNDLE.jsonl [--key CHECKPOINT_KEY.pub] [--allowed-signers FILE]   (offline: an evidence "
            + "bundle from GET /api/v1/evidence)";
    private static final String SERVICE = "decision-graph";
    private static final Set<String> VALUED = Set.of("--key", "--state", "--url", "--allowed-signers");

    private VerifyCommand() {
    }

    static int run(List<String> argv, Context ctx) {
        Args args = Args.parse(argv, Set.of(), VALUED);
        Path keyFile = Path.of(args.value("--key", dataDir(ctx).resolve("log").resolve("checkpoint.key.pub").toString()));
        if (args.positionals().size() == 1) {
            return bundle(Path.of(args.positionals().get(0)), verifierKey(keyFile), args.value("--allowed-signers", null),
                    ctx);
        }
        args.positionals(0, "at most one argument: an evidence bundle to verify offline");
        String log = Http.base(args.value("--url", Context.GRAPH_URL)) + "/api/v1/log";
        NoteKeys.Verifier key = verifierKey(keyFile);
        String signed = text(ctx.http().get(SERVICE, log + "/checkpoint"), "the checkpoint");
        LogVerification.Report report = LogVerification.verify(signed, key, entries(ctx, log),
                size -> rootAt(ctx, log, size));
        List<String> problems = new ArrayList<>(report.problems());
        Path state = args.value("--state", null) == null ? null : Path.of(args.value("--state", null));
        if (report.checkpoint() != null && state != null && Files.exists(state)) {
            problems.addAll(consistency(ctx, log, read(state), key, report.checkpoint()));
        }
        if (report.checkpoint() == null) {
            problems.forEach(problem -> ctx.out().println("does not hold: " + problem));
            return Exit.NOT_FOUND;
        }
        Checkpoint checkpoint = report.checkpoint();
        ctx.out().println("checkpoint of " + checkpoint.origin() + ": " + checkpoint.size() + " entries, root "
                + Base64.getEncoder().encodeToString(checkpoint.root()) + ", signed by " + key.encoded());
        if (!problems.isEmpty()) {
            problems.forEach(problem -> ctx.out().println("does not hold: " + problem));
            return Exit.NOT_FOUND;
        }
        ctx.out().println("holds: every entry hashes to the signed root" + (state != null && Files.exists(state)
                ? ", and the log extends the checkpoint verified before" : ""));
        if (state != null) {
            write(state, signed);
        }
        return Exit.OK;
    }

    /** Checks an evidence bundle with nothing but the log's key and the stewards' allowed signers. */
    private static int bundle(Path file, NoteKeys.Verifier key, String allowedSigners, Context ctx) {
        AllowedSigners stewards = null;
        if (allowedSigners != null) {
            try {
                stewards = AllowedSigners.parse(read(Path.of(allowedSigners)));
            } catch (IllegalArgumentException e) {
                throw CliException.usage("--allowed-signers " + allowedSigners + ": " + e.getMessage());
            }
        }
        BundleVerification.Report report;
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            report = BundleVerification.verify(in, key, stewards);
        } catch (IOException | UncheckedIOException e) {
            throw CliException.usage("cannot read the bundle " + file + ": " + e.getMessage());
        }
        report.holds().forEach(holds -> ctx.out().println("holds: " + holds));
        report.notes().forEach(note -> ctx.out().println("note: " + note));
        report.problems().forEach(problem -> ctx.out().println("does not hold: " + problem));
        ctx.out().println(report.ok() ? "the bundle holds" : report.problems().size() + " things do not hold");
        return report.ok() ? Exit.OK : Exit.NOT_FOUND;
    }

    private static List<String> consistency(Context ctx, String log, String earlierNote, NoteKeys.Verifier key,
                                            Checkpoint later) {
        Checkpoint earlier;
        try {
            earlier = Checkpoint.open(earlierNote, key);
        } catch (IllegalArgumentException e) {
            return List.of("the checkpoint kept from last time does not verify: " + e.getMessage());
        }
        if (earlier.size() > later.size()) {
            return List.of(LogVerification.consistency(earlier, later, List.of()));
        }
        JsonNode proof = RegisterCommands.answer(SERVICE, ctx.http().get(SERVICE, log + "/consistency?from="
                + earlier.size() + "&to=" + later.size()), "the consistency proof");
        List<byte[]> hashes = new ArrayList<>();
        proof.path("proof").forEach(hash -> hashes.add(Base64.getDecoder().decode(hash.asText())));
        String problem = LogVerification.consistency(earlier, later, hashes);
        return problem == null ? List.of() : List.of(problem);
    }

    private static List<LogVerification.Entry> entries(Context ctx, String log) {
        List<LogVerification.Entry> entries = new ArrayList<>();
        long start = 0;
        while (start >= 0) {
            JsonNode page = RegisterCommands.answer(SERVICE, ctx.http().get(SERVICE, log + "/entries?start=" + start),
                    "the log's entries (an admin's token reads them)");
            page.path("entries").forEach(entry -> entries.add(new LogVerification.Entry(entry.path("index").asLong(),
                    entry.path("body").asText(), entry.hasNonNull("leaf_hash")
                    ? Base64.getDecoder().decode(entry.path("leaf_hash").asText()) : null)));
            start = page.hasNonNull("next") ? page.path("next").asLong() : -1;
        }
        return entries;
    }

    private static byte[] rootAt(Context ctx, String log, long size) {
        JsonNode proof = RegisterCommands.answer(SERVICE, ctx.http().get(SERVICE, log + "/proof?entry=0&size=" + size),
                "a proof");
        return Base64.getDecoder().decode(proof.path("root_hash").asText());
    }

    private static NoteKeys.Verifier verifierKey(Path file) {
        try {
            return NoteKeys.verifier(read(file));
        } catch (IllegalArgumentException e) {
            throw CliException.usage("--key " + file + ": " + e.getMessage());
        }
    }

    private static String text(Http.Response response, String what) {
        if (!response.ok()) {
            RegisterCommands.answer(SERVICE, response, what);
        }
        return response.body();
    }

    private static Path dataDir(Context ctx) {
        String dir = ctx.env().getOrDefault("DECISIONLOG_DATA_DIR", "var");
        return Path.of(dir.isBlank() ? "var" : dir);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw CliException.usage("cannot read " + file + ": " + e.getMessage()
                    + " (the log's verifier key is decision-graph's <data-dir>/log/checkpoint.key.pub)");
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw CliException.usage("cannot keep the checkpoint in " + file + ": " + e.getMessage());
        }
    }
}
