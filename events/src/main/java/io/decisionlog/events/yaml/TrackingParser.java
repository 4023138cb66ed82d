package io.decisionlog.events.yaml;

import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.parser.Parser;
import org.yaml.snakeyaml.reader.StreamReader;

/**
 * Remembers where the last event the composer took starts, so that the composer's limits (aliases, nesting), which
 * throw without a mark, can still be reported at a line and column; the reader's own failures are placed where the
 * reader stopped.
 */
final class TrackingParser implements Parser {
    private final Parser delegate;
    private final StreamReader reader;
    private Mark lastStart;

    TrackingParser(Parser delegate, StreamReader reader) {
        this.delegate = delegate;
        this.reader = reader;
    }

    /** Where the composer was when it gave up. */
    Mark lastStart() {
        return lastStart;
    }

    @Override
    public boolean checkEvent(Event.ID choice) {
        try {
            return delegate.checkEvent(choice);
        } catch (MarkedYAMLException e) {
            throw e;
        } catch (YAMLException e) {
            throw new ReaderFailure(e.getMessage(), reader.getMark());
        }
    }

    @Override
    public Event peekEvent() {
        try {
            return delegate.peekEvent();
        } catch (MarkedYAMLException e) {
            throw e;
        } catch (YAMLException e) {
            throw new ReaderFailure(e.getMessage(), reader.getMark());
        }
    }

    @Override
    public Event getEvent() {
        try {
            Event event = delegate.getEvent();
            lastStart = event.getStartMark();
            return event;
        } catch (MarkedYAMLException e) {
            throw e;
        } catch (YAMLException e) {
            throw new ReaderFailure(e.getMessage(), reader.getMark());
        }
    }

    /** A failure of the reader or scanner below the parser, with the reader's position. */
    static final class ReaderFailure extends YAMLException {
        private final transient Mark mark;

        ReaderFailure(String message, Mark mark) {
            super(message);
            this.mark = mark;
        }

        Mark mark() {
            return mark;
        }
    }
}
