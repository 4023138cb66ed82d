package io.decisionlog.graph.streams;

import org.apache.kafka.common.errors.InvalidTxnStateException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class ReplaceFailedThreadTest {
    private Instant now = Instant.parse("2026-11-25T10:00:00Z");
    private final ReplaceFailedThread handler = new ReplaceFailedThread(new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    });

    @Test
    void shouldReplaceAThreadAFailoverKilled() {
        assertThat(handler.handle(new InvalidTxnStateException("fenced"))).isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
    }

    @Test
    void shouldShutDownWhenTheSameFailureKeepsComingBack() {
        for (int i = 0; i < ReplaceFailedThread.MAX_REPLACEMENTS; i++) {
            assertThat(handler.handle(new IllegalStateException("bug"))).isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
            now = now.plusSeconds(10);
        }
        assertThat(handler.handle(new IllegalStateException("bug"))).isEqualTo(StreamThreadExceptionResponse.SHUTDOWN_CLIENT);
    }

    @Test
    void shouldForgetFailuresOlderThanTheWindow() {
        for (int i = 0; i < ReplaceFailedThread.MAX_REPLACEMENTS; i++) {
            handler.handle(new InvalidTxnStateException("fenced"));
        }
        now = now.plus(ReplaceFailedThread.WINDOW).plusSeconds(1);
        assertThat(handler.handle(new InvalidTxnStateException("fenced"))).isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
    }
}
