package io.decisionlog.minutes.sync;

import io.decisionlog.events.DecisionMinutes;
import io.decisionlog.events.RejectedMinutes;
import io.decisionlog.events.MinutesFileState;
import io.decisionlog.events.MinutesSourceState;

import java.util.ArrayList;
import java.util.List;

/** Keeps what each sync published, in order, so tests can assert on exactly what went out. */
final class RecordingPublisher implements Publisher {
    record Sent(String kind, String key, Object value) {
    }

    final List<Sent> sent = new ArrayList<>();
    private boolean failNext;

    void failNextAwait() {
        failNext = true;
    }

    List<Sent> decisions() {
        return sent.stream().filter(s -> s.kind().equals("decision")).toList();
    }

    List<Sent> rejections() {
        return sent.stream().filter(s -> s.kind().equals("rejection")).toList();
    }

    List<Sent> files() {
        return sent.stream().filter(s -> s.kind().equals("file")).toList();
    }

    void clear() {
        sent.clear();
    }

    @Override
    public Publication begin() {
        return new Publication() {
            @Override
            public void decision(String decisionId, DecisionMinutes minutes) {
                sent.add(new Sent("decision", decisionId, minutes));
            }

            @Override
            public void rejection(String key, RejectedMinutes rejected) {
                sent.add(new Sent("rejection", key, rejected));
            }

            @Override
            public void file(String key, MinutesFileState file) {
                sent.add(new Sent("file", key, file));
            }

            @Override
            public void source(String source, MinutesSourceState record) {
                sent.add(new Sent("source", source, record));
            }

            @Override
            public void await() {
                if (failNext) {
                    failNext = false;
                    throw new IllegalStateException("Kafka did not acknowledge (test)");
                }
            }
        };
    }
}
