package io.decisionlog.blame.history;

import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RecentlyUsedTest {
    private static final ObjectId A = ObjectId.fromString("a".repeat(40));
    private static final ObjectId B = ObjectId.fromString("b".repeat(40));
    private static final ObjectId C = ObjectId.fromString("c".repeat(40));

    @Test
    void keepsTheMostRecentlyUsedWithinItsBudgetAndGivesARemovedValuesRoomToTheRest() {
        RecentlyUsed<byte[]> kept = new RecentlyUsed<>(10, 6, value -> value.length);
        kept.put(A, new byte[4]);
        kept.put(B, new byte[4]);
        kept.get(A);
        kept.put(C, new byte[4]);
        assertThat(kept.get(B)).as("the least recently used, pushed out").isNull();
        assertThat(kept.get(A)).isNotNull();

        kept.remove(A);
        kept.put(B, new byte[6]);
        assertThat(kept.get(A)).isNull();
        assertThat(kept.get(C)).as("the removed value's room was given back").isNotNull();
        assertThat(kept.get(B)).isNotNull();

        kept.put(A, new byte[7]);
        assertThat(kept.get(A)).as("larger than the largest kept").isNull();
    }
}
