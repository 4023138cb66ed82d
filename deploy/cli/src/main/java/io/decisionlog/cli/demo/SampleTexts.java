package io.decisionlog.cli.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The sample team's texts, kept as resources under {@code sample-team/} beside this class: the files of
 * acme/payments as first committed, its commit messages by step, and the minutes with their commit messages.
 * Read byte for byte: the shas of the sample repositories depend on every one of them.
 */
final class SampleTexts {
    private static final String ROOT = "sample-team/";

    private SampleTexts() {
    }

    /** A file of acme/payments as the first commit has it, e.g. {@code payments.yaml}. */
    static String paymentsFile(String name) {
        return read("payments/" + name);
    }

    /** The message of a commit of acme/payments: {@code payments/commits/psp-timeout.txt} for PSP_TIMEOUT. */
    static String commitMessage(SampleTeam.Step step) {
        return read("payments/commits/" + step.name().toLowerCase(Locale.ROOT).replace('_', '-') + ".txt");
    }

    /** A file of acme/minutes, e.g. {@code README.md} or {@code 2024-04-10-arch-sync.yaml}. */
    static String minutesFile(String name) {
        return read("minutes/" + name);
    }

    /** The message of the commit that added the minutes file {@code name}. */
    static String minutesCommitMessage(String name) {
        return read("minutes/commits/" + name.substring(0, name.lastIndexOf('.')) + ".txt");
    }

    private static String read(String name) {
        try (InputStream in = SampleTexts.class.getResourceAsStream(ROOT + name)) {
            if (in == null) {
                throw new IllegalStateException("the sample text " + ROOT + name + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
