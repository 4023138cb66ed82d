package io.decisionlog.events;

import io.decisionlog.events.Keys.BlameKey;
import io.decisionlog.events.Keys.CommitKey;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KeysTest {
    private static final String SHA = "a9f3c1e0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6";

    @Test
    void shouldParseTheCommitKeyItFormats() {
        assertThat(Keys.parseCommit(Keys.commit("acme/payments", SHA))).isEqualTo(new CommitKey("acme/payments", SHA));
        assertThat(Keys.parseCommit(Keys.commit("gitlab-org/sub/gitlab-test", "abc1234")))
                .isEqualTo(new CommitKey("gitlab-org/sub/gitlab-test", "abc1234"));
    }

    @Test
    void shouldParseTheBlameKeyItFormatsWithColonsInThePath() {
        assertThat(Keys.parseBlame(Keys.blame("acme/payments", "deploy/values-prod.yaml")))
                .isEqualTo(new BlameKey("acme/payments", "deploy/values-prod.yaml"));
        assertThat(Keys.parseBlame(Keys.blame("acme/payments", "docs/a:b.md")))
                .isEqualTo(new BlameKey("acme/payments", "docs/a:b.md"));
    }

    @Test
    void shouldNameTheExpectedShapeWhenAKeyIsNotACommitKey() {
        for (String key : new String[] {"acme/payments", "@" + SHA, "acme/payments@", ""}) {
            assertThatThrownBy(() -> Keys.parseCommit(key)).as(key)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("key '" + key + "' is not of the form <repo>@<sha>");
        }
        assertThatThrownBy(() -> Keys.parseCommit(null)).hasMessage("key 'null' is not of the form <repo>@<sha>");
    }

    @Test
    void shouldNameTheExpectedShapeWhenAKeyIsNotABlameKey() {
        for (String key : new String[] {"acme/payments", ":README.md", "acme/payments:"}) {
            assertThatThrownBy(() -> Keys.parseBlame(key)).as(key)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("key '" + key + "' is not of the form <repo>:<path>");
        }
    }

    @Test
    void shouldTellACommitKeyFromAnyOtherKeyWithoutThrowing() {
        assertThat(Keys.tryParseCommit("acme/payments@" + SHA)).contains(new CommitKey("acme/payments", SHA));
        assertThat(Keys.tryParseCommit(SHA)).isEmpty();
        assertThat(Keys.tryParseCommit("acme/payments@")).isEmpty();
        assertThat(Keys.tryParseCommit(null)).isEmpty();
    }
}
