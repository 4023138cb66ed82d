package io.decisionlog.minutes.sync;

import io.decisionlog.events.DecisionMinutes;
import io.decisionlog.events.MinutesFileState;
import io.decisionlog.events.MinutesSourceState;
import io.decisionlog.events.RejectedMinutes;
import io.decisionlog.kit.git.GitRemotes;
import io.decisionlog.minutes.MinutesRepo;
import io.decisionlog.minutes.parse.MinutesParser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static io.decisionlog.minutes.MinutesRepo.minutes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The sync algorithm against real git repositories, with the records it sends captured in memory. */
class SourceSyncTest {
    private static final String SOURCE = "acme/minutes";

    @TempDir
    Path tmp;
    private MinutesRepo repo;
    private final RecordingPublisher out = new RecordingPublisher();
    private SourceSync sync;
    private SourceState state;

    @BeforeEach
    void setUp() {
        repo = MinutesRepo.create(tmp.resolve("repo"));
        sync = new SourceSync(MinutesParser.defaults(), new MirrorDirs(tmp.resolve("mirrors")), GitRemotes.local(List.of(Path.of("/")), Duration.ofSeconds(30)),
                Clock.systemUTC());
        state = new SourceState(new Registration(SOURCE, repo.url(), "main", null));
    }

    @AfterEach
    void tearDown() {
        repo.close();
    }

    private SyncReport sync() {
        out.clear();
        return sync.sync(state, out);
    }

    private Map<String, DecisionMinutes> decisions() {
        return out.decisions().stream().collect(Collectors.toMap(RecordingPublisher.Sent::key,
                s -> s.value() == null ? TOMBSTONE : (DecisionMinutes) s.value()));
    }

    private static final DecisionMinutes TOMBSTONE =
            new DecisionMinutes(null, null, null, null, null, null, null, null, null, null, null, null, null, null);

    @Test
    void shouldPublishEveryDecisionWithItsMeetingOnTheFirstSync() {
        repo.write("minutes/2024/04-10.yaml", minutes("Sync", "D-2024-001", "D-2024-002"))
                .write("minutes/04-11.yml", minutes("Retro", "D-2024-003"))
                .write("notes/ignored.yaml", minutes("Elsewhere", "D-2024-999"));
        String commit = repo.commit("first minutes");

        SyncReport report = sync();

        assertThat(report.decisionsPublished()).isEqualTo(3);
        assertThat(report.filesRead()).isEqualTo(2);
        assertThat(decisions()).containsOnlyKeys("D-2024-001", "D-2024-002", "D-2024-003");
        DecisionMinutes first = decisions().get("D-2024-001");
        assertThat(first.meeting().sourceRepo()).isEqualTo(SOURCE);
        assertThat(first.meeting().path()).isEqualTo("minutes/2024/04-10.yaml");
        assertThat(first.meeting().commit()).isEqualTo(commit);
        assertThat(first.meeting().title()).isEqualTo("Sync");
        assertThat(out.sent.get(out.sent.size() - 1).value()).isEqualTo(
                new MinutesSourceState(SOURCE, repo.url(), "main", Registration.DEFAULT_INCLUDE, commit, state.syncedAt()));
        assertThat(state.commit()).isEqualTo(commit);
        assertThat(state.owners()).containsEntry("D-2024-003", "minutes/04-11.yml");
    }

    @Test
    void shouldPublishNothingWhenNothingChanged() {
        repo.write("minutes/a.yaml", minutes("A", "D-2024-001")).commit("a");
        sync();

        SyncReport again = sync();
        repo.write("README.md", "not minutes").commit("docs only");
        SyncReport unrelated = sync();

        assertThat(again.changed()).isFalse();
        assertThat(unrelated.decisionsPublished()).isZero();
        assertThat(unrelated.filesRead()).isZero();
        assertThat(out.decisions()).isEmpty();
        assertThat(out.files()).isEmpty();
    }

    @Test
    void shouldRepublishOnlyTheDecisionThatChanged() {
        repo.write("minutes/a.yaml", minutes("A", "D-2024-001", "D-2024-002")).commit("a");
        sync();

        repo.write("minutes/a.yaml", minutes("A", "D-2024-001", "D-2024-002").replace("do D-2024-002", "do it differently"))
                .commit("edit");
        SyncReport report = sync();

        assertThat(report.decisionsPublished()).isEqualTo(1);
        assertThat(decisions()).containsOnlyKeys("D-2024-002");
        assertThat(decisions().get("D-2024-002").decision()).isEqualTo("do it differently");
    }

    @Test
    void shouldTombstoneARemovedEntryAndEveryDecisionOfADeletedFile() {
        repo.write("minutes/a.yaml", minutes("A", "D-2024-001", "D-2024-002"))
                .write("minutes/b.yaml", minutes("B", "D-2024-003")).commit("a, b");
        sync();

        repo.write("minutes/a.yaml", minutes("A", "D-2024-001")).delete("minutes/b.yaml").commit("remove");
        SyncReport report = sync();

        assertThat(report.tombstones()).isEqualTo(2);
        assertThat(decisions()).containsOnlyKeys("D-2024-002", "D-2024-003");
        assertThat(decisions().values()).containsOnly(TOMBSTONE);
        assertThat(out.files()).extracting(RecordingPublisher.Sent::key, RecordingPublisher.Sent::value)
                .contains(org.assertj.core.groups.Tuple.tuple(SOURCE + ":minutes/b.yaml", null));
        assertThat(state.owners()).containsOnlyKeys("D-2024-001");
    }

    @Test
    void shouldRejectABadFilePublishTheOthersThenClearTheRejectionWhenFixed() {
        repo.write("minutes/good.yaml", minutes("Good", "D-2024-001"))
                .write("minutes/bad.yaml", "meeting: m\ndecisions:\n  - id: D-2024-002\n    title: t\n    status: approved\n    decision: d\n")
                .commit("one good, one bad");

        SyncReport first = sync();

        assertThat(first.filesRejected()).isEqualTo(1);
        assertThat(decisions()).containsOnlyKeys("D-2024-001");
        RejectedMinutes rejected = (RejectedMinutes) out.rejections().get(0).value();
        assertThat(out.rejections().get(0).key()).isEqualTo(SOURCE + ":minutes/bad.yaml");
        assertThat(rejected.errors()).singleElement().satisfies(error -> {
            assertThat(error.message()).startsWith("unknown status 'approved'");
            assertThat(error.line()).isEqualTo(5);
            assertThat(error.column()).isEqualTo(13);
        });

        repo.write("minutes/bad.yaml", minutes("Fixed", "D-2024-002")).commit("fix");
        SyncReport fixed = sync();

        assertThat(fixed.rejectionsCleared()).isEqualTo(1);
        assertThat(out.rejections()).singleElement().satisfies(s -> {
            assertThat(s.key()).isEqualTo(SOURCE + ":minutes/bad.yaml");
            assertThat(s.value()).isNull();
        });
        assertThat(decisions()).containsOnlyKeys("D-2024-002");
        assertThat(state.files().get("minutes/bad.yaml").rejected()).isFalse();
    }

    @Test
    void shouldKeepTheLastPublishedDecisionsOfAFileThatBreaks() {
        repo.write("minutes/a.yaml", minutes("A", "D-2024-001")).commit("a");
        sync();

        repo.write("minutes/a.yaml", "meeting: [unclosed\n").commit("broken");
        SyncReport report = sync();

        assertThat(report.filesRejected()).isEqualTo(1);
        assertThat(report.tombstones()).isZero();
        assertThat(out.decisions()).isEmpty();
        assertThat(state.owners()).containsEntry("D-2024-001", "minutes/a.yaml");
    }

    @Test
    void shouldRejectBothFilesOfADuplicateIdAndPublishNeitherUntilResolved() {
        repo.write("minutes/a.yaml", minutes("A", "D-2024-001", "D-2024-002"))
                .write("minutes/b.yaml", minutes("B", "D-2024-001")).commit("duplicate");

        SyncReport report = sync();

        assertThat(report.filesRejected()).isEqualTo(2);
        assertThat(out.decisions()).isEmpty();
        Map<String, RejectedMinutes> rejections = out.rejections().stream()
                .collect(Collectors.toMap(RecordingPublisher.Sent::key, s -> (RejectedMinutes) s.value()));
        assertThat(rejections.get(SOURCE + ":minutes/a.yaml").errors()).singleElement().satisfies(error -> {
            assertThat(error.message()).isEqualTo("decision id D-2024-001 is also defined in minutes/b.yaml;"
                    + " neither version is published until only one file defines it");
            assertThat(error.line()).isEqualTo(5);
            assertThat(error.column()).isEqualTo(9);
        });
        assertThat(rejections.get(SOURCE + ":minutes/b.yaml").errors()).singleElement()
                .satisfies(error -> assertThat(error.message()).contains("also defined in minutes/a.yaml"));

        repo.delete("minutes/b.yaml").commit("resolve");
        SyncReport resolved = sync();

        assertThat(resolved.rejectionsCleared()).isEqualTo(2);
        assertThat(decisions()).containsOnlyKeys("D-2024-001", "D-2024-002");
        assertThat(decisions().get("D-2024-001").meeting().path()).isEqualTo("minutes/a.yaml");
    }

    @Test
    void shouldLeaveADecisionPublishedBeforeADuplicateAppearedAsItWas() {
        repo.write("minutes/a.yaml", minutes("A", "D-2024-001")).commit("a");
        sync();

        repo.write("minutes/b.yaml", minutes("B", "D-2024-001")).commit("b copies a");
        SyncReport duplicate = sync();

        assertThat(duplicate.filesRejected()).isEqualTo(2);
        assertThat(out.decisions()).isEmpty();
        assertThat(state.owners()).containsEntry("D-2024-001", "minutes/a.yaml");

        repo.delete("minutes/b.yaml").commit("b removed");
        SyncReport resolved = sync();

        assertThat(resolved.rejectionsCleared()).isEqualTo(2);
        assertThat(out.decisions()).isEmpty();
    }

    @Test
    void shouldKeepEveryDuplicateOfAFileThatIsReadAgainBecauseOfAnother() {
        repo.write("minutes/a.yaml", minutes("A", "D-2024-001", "D-2024-002"))
                .write("minutes/b.yaml", minutes("B", "D-2024-002"))
                .write("minutes/c.yaml", minutes("C", "D-2024-003")).commit("a and b share D-2024-002");
        sync();

        repo.write("minutes/c.yaml", minutes("C", "D-2024-003", "D-2024-001")).commit("c copies D-2024-001 from a");
        SyncReport report = sync();

        assertThat(report.filesRead()).isEqualTo(2);
        assertThat(state.files().get("minutes/a.yaml").errors()).extracting(e -> e.message())
                .anySatisfy(m -> assertThat(m).startsWith("decision id D-2024-001 is also defined in minutes/c.yaml"))
                .anySatisfy(m -> assertThat(m).startsWith("decision id D-2024-002 is also defined in minutes/b.yaml"));
        assertThat(state.files().get("minutes/c.yaml").rejected()).isTrue();
        assertThat(state.files().get("minutes/b.yaml").rejected()).isTrue();
        assertThat(out.decisions()).isEmpty();
    }

    @Test
    void shouldMoveADecisionBetweenFilesWithoutATombstone() {
        repo.write("minutes/a.yaml", minutes("A", "D-2024-001", "D-2024-002")).commit("a");
        sync();

        repo.write("minutes/a.yaml", minutes("A", "D-2024-001"))
                .write("minutes/b.yaml", minutes("A", "D-2024-002")).commit("move");
        SyncReport report = sync();

        assertThat(report.tombstones()).isZero();
        assertThat(decisions()).containsOnlyKeys("D-2024-002");
        assertThat(decisions().get("D-2024-002").meeting().path()).isEqualTo("minutes/b.yaml");
        assertThat(state.owners()).containsEntry("D-2024-002", "minutes/b.yaml");
    }

    @Test
    void shouldPublishNothingAfterARestartFromTheRecordedState() {
        repo.write("minutes/a.yaml", minutes("A", "D-2024-001")).write("minutes/b.yaml", "bad: [").commit("a");
        sync();
        MinutesSourceState source = (MinutesSourceState) out.sent.get(out.sent.size() - 1).value();
        List<MinutesFileState> files = out.files().stream().map(s -> (MinutesFileState) s.value()).toList();

        state = SourceState.restored(source, files);
        SyncReport afterRestart = sync();
        state = SourceState.restored(new MinutesSourceState(source.source(), source.url(), source.branch(), source.include(),
                null, null), files);
        SyncReport withoutCommit = sync();

        assertThat(afterRestart.changed()).isFalse();
        assertThat(withoutCommit.filesRead()).isZero();
        assertThat(out.decisions()).isEmpty();
        assertThat(out.rejections()).isEmpty();
    }

    @Test
    void shouldChangeNoStateWhenKafkaDoesNotAcknowledge() {
        repo.write("minutes/a.yaml", minutes("A", "D-2024-001")).commit("a");
        out.failNextAwait();

        assertThatThrownBy(this::sync).hasMessageContaining("did not acknowledge");
        assertThat(state.commit()).isNull();
        assertThat(state.owners()).isEmpty();

        SyncReport retried = sync();
        assertThat(retried.decisionsPublished()).isEqualTo(1);
    }

    @Test
    void shouldRejectEachBadInputAndStillPublishTheOtherFilesOfTheSync() {
        repo.write("minutes/good.yaml", minutes("Good", "D-2024-001"))
                .write("minutes/tag.yaml", "meeting: !!javax.script.ScriptEngineManager [x]\n")
                .write("minutes/deep.yaml", "a: " + "[".repeat(200) + "]".repeat(200) + "\n")
                .write("minutes/big.yaml", "# " + "x".repeat(4 * 1024 * 1024))
                .write("minutes/latin1.yaml", new byte[] {'m', ':', ' ', (byte) 0xE9, '\n'})
                .write("minutes/dupkey.yaml", "meeting: a\nmeeting: b\ndecisions: []\n")
                .write("minutes/indent.yaml", "meeting: m\ndecisions:\n  - id: D-2024-002\n    title: t\n   decision: d\n")
                .write("minutes/noid.yaml", "decisions:\n  - title: t\n    decision: d\n")
                .commit("good and bad");

        SyncReport report = sync();

        assertThat(decisions()).containsOnlyKeys("D-2024-001");
        assertThat(report.filesRejected()).isEqualTo(7);
        Map<String, Integer> lines = out.rejections().stream().collect(Collectors.toMap(RecordingPublisher.Sent::key,
                s -> ((RejectedMinutes) s.value()).errors().get(0).line()));
        assertThat(lines).containsEntry(SOURCE + ":minutes/tag.yaml", 1)
                .containsEntry(SOURCE + ":minutes/deep.yaml", 1)
                .containsEntry(SOURCE + ":minutes/big.yaml", 0)
                .containsEntry(SOURCE + ":minutes/latin1.yaml", 1)
                .containsEntry(SOURCE + ":minutes/dupkey.yaml", 2)
                .containsEntry(SOURCE + ":minutes/indent.yaml", 5)
                .containsEntry(SOURCE + ":minutes/noid.yaml", 2);
    }

    @Test
    void shouldPublishMarkdownAdrsOfAnIncludedFolder() {
        repo.write("docs/decisions/0012-postgres.md", "---\ndecision_id: ADR-2025-0012\nstatus: accepted\n---\n"
                + "# Use PostgreSQL everywhere\n\n## Decision Outcome\n\nPostgreSQL.\n").commit("adr");
        state = new SourceState(new Registration(SOURCE, repo.url(), "main", List.of("docs/decisions/*.md")));

        SyncReport report = sync();

        assertThat(report.decisionsPublished()).isEqualTo(1);
        assertThat(decisions().get("ADR-2025-0012").title()).isEqualTo("Use PostgreSQL everywhere");
    }

    @Test
    void shouldFailWithTheReasonWhenTheRepositoryDoesNotExist() {
        state = new SourceState(new Registration("acme/missing", tmp.resolve("nowhere").toString(), "main", null));

        assertThatThrownBy(this::sync).isInstanceOf(SourceUnavailable.class)
                .hasMessageContaining("cannot fetch main from " + tmp.resolve("nowhere"));
    }

    @Test
    void shouldFailWithTheReasonWhenTheBranchDoesNotExist() {
        repo.write("minutes/a.yaml", minutes("A", "D-2024-001")).commit("a");
        state = new SourceState(new Registration(SOURCE, repo.url(), "release", null));

        assertThatThrownBy(this::sync).isInstanceOf(SourceUnavailable.class).hasMessageContaining("release");
    }
}
