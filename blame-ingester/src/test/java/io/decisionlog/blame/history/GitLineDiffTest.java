package io.decisionlog.blame.history;

import org.eclipse.jgit.diff.Edit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link GitLineDiff} against git itself: for pairs of files full of the ties that make diffs differ (blank lines,
 * braces, repeated lines, blocks that can slide, CRLF, a missing final newline, large rewrites past the cost
 * bound), the hunks equal those of {@code git diff --no-index -U0}, which runs the same xdiff steps blame does.
 */
class GitLineDiffTest {
    private static final Pattern HUNK = Pattern.compile("^@@ -(\\d+)(?:,(\\d+))? \\+(\\d+)(?:,(\\d+))? @@", Pattern.MULTILINE);
    private static final String[] VOCABULARY = {
            "", "", "}", "  }", "    }", "{", "\t{", "  foo();", "  bar();", "    return x;", "if (a) {", "} else {",
            "# comment", "key: value", "  - item", "\r", "x", "y", "    ", "\tz", "end",
    };

    @TempDir
    static Path dir;

    @BeforeAll
    static void needsGit() {
        GitCli.require();
    }

    @Test
    void smallFilesFullOfTiesDiffAsGitDoes() throws Exception {
        Random random = new Random(7);
        for (int i = 0; i < 300; i++) {
            List<String> a = randomLines(random, random.nextInt(60));
            assertSameAsGit(a, mutate(random, a), "case " + i);
        }
    }

    @Test
    void largeRewritesPastTheCostBoundDiffAsGitDoes() throws Exception {
        Random random = new Random(11);
        for (int i = 0; i < 12; i++) {
            List<String> a = randomLines(random, 1500 + random.nextInt(2500));
            List<String> b = a;
            for (int round = 0; round < 40; round++) {
                b = mutate(random, b);
            }
            assertSameAsGit(a, b, "large case " + i);
        }
    }

    @Test
    void aCommonTailLongerThanABlockIsTrimmedAsGitDoes() throws Exception {
        Random random = new Random(13);
        for (int i = 0; i < 40; i++) {
            List<String> tail = randomLines(random, 200 + random.nextInt(200));
            List<String> a = new ArrayList<>(randomLines(random, random.nextInt(30)));
            List<String> b = mutate(random, a);
            a.addAll(tail);
            b.addAll(tail);
            assertSameAsGit(a, b, "tail case " + i);
        }
    }

    /**
     * Only the lines between the common head and tail are numbered; the head's and tail's lines still count towards
     * how often a middle line occurs (which decides the lines set aside), and a group may slide into them.
     */
    @Test
    void longCommonHeadsAndTailsOfRepeatedLinesDiffAsGitDoes() throws Exception {
        Random random = new Random(17);
        for (int i = 0; i < 60; i++) {
            List<String> head = randomLines(random, random.nextInt(400));
            List<String> middle = randomLines(random, random.nextInt(20));
            List<String> tail = randomLines(random, random.nextInt(60));
            List<String> a = new ArrayList<>(head);
            a.addAll(middle);
            a.addAll(tail);
            List<String> b = new ArrayList<>(head);
            b.addAll(mutate(random, middle));
            b.addAll(tail);
            assertSameAsGit(a, b, "head and tail case " + i);
        }
    }

    private static List<String> randomLines(Random random, int count) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            lines.add(random.nextInt(8) == 0 ? "line " + random.nextInt(40) : VOCABULARY[random.nextInt(VOCABULARY.length)]);
        }
        return lines;
    }

    /** A few block edits: deletions, insertions, replacements and a copied block. */
    private static List<String> mutate(Random random, List<String> original) {
        List<String> lines = new ArrayList<>(original);
        int edits = 1 + random.nextInt(5);
        for (int e = 0; e < edits; e++) {
            int at = lines.isEmpty() ? 0 : random.nextInt(lines.size() + 1);
            int length = 1 + random.nextInt(6);
            switch (random.nextInt(4)) {
                case 0 -> {
                    for (int k = 0; k < length && at < lines.size(); k++) {
                        lines.remove(at);
                    }
                }
                case 1 -> lines.addAll(at, randomLines(random, length));
                case 2 -> {
                    for (int k = 0; k < length && at < lines.size(); k++) {
                        lines.set(at + k < lines.size() ? at + k : at, randomLines(random, 1).get(0));
                    }
                }
                default -> {
                    int from = lines.isEmpty() ? 0 : random.nextInt(lines.size());
                    lines.addAll(at, new ArrayList<>(lines.subList(from, Math.min(lines.size(), from + length))));
                }
            }
        }
        return lines;
    }

    private static void assertSameAsGit(List<String> a, List<String> b, String label) throws Exception {
        byte[] before = join(a, a.hashCode() % 5 == 0);
        byte[] after = join(b, b.hashCode() % 7 == 0);
        List<String> ours = new ArrayList<>();
        for (Edit edit : GitLineDiff.diff(before, after)) {
            ours.add(hunk(edit.getBeginA(), edit.getLengthA(), edit.getBeginB(), edit.getLengthB()));
        }
        assertThat(ours).as(label).isEqualTo(gitHunks(before, after));
    }

    private static byte[] join(List<String> lines, boolean withoutFinalNewline) {
        String text = String.join("\n", lines) + (lines.isEmpty() || withoutFinalNewline ? "" : "\n");
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String hunk(int beginA, int lengthA, int beginB, int lengthB) {
        return "-" + (lengthA == 0 ? beginA : beginA + 1) + "," + lengthA + " +" + (lengthB == 0 ? beginB : beginB + 1) + "," + lengthB;
    }

    private static List<String> gitHunks(byte[] before, byte[] after) throws IOException, InterruptedException {
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        Files.write(a, before);
        Files.write(b, after);
        Process process = new ProcessBuilder("git", "-c", "diff.algorithm=myers", "-c", "diff.indentHeuristic=true",
                "diff", "--no-index", "--no-color", "--no-ext-diff", "-U0", "a", "b")
                .directory(dir.toFile()).redirectErrorStream(true).start();
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        process.getInputStream().transferTo(output);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        List<String> hunks = new ArrayList<>();
        Matcher m = HUNK.matcher(output.toString(StandardCharsets.ISO_8859_1));
        while (m.find()) {
            hunks.add(hunk(Integer.parseInt(m.group(1)) - 1 + (count(m.group(2)) == 0 ? 1 : 0), count(m.group(2)),
                    Integer.parseInt(m.group(3)) - 1 + (count(m.group(4)) == 0 ? 1 : 0), count(m.group(4))));
        }
        return hunks;
    }

    private static int count(String group) {
        return group == null ? 1 : Integer.parseInt(group);
    }
}
