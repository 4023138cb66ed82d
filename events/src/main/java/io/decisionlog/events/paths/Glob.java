package io.decisionlog.events.paths;

import io.decisionlog.events.errors.BadRequest;

import java.util.ArrayList;
import java.util.List;

/**
 * A git-style path glob, matched in time linear in the path (and in the pattern): {@code *} and {@code ?} stay within
 * a directory, {@code **}{@code /} is zero or more directories, {@code /**} everything below, {@code [a-z]} and
 * {@code [!a-z]} one character of a set. The pattern is compiled to states that a path is run through once, all
 * states at a time (as RE2 does), so no pattern can make a match backtrack: a registration cannot stall a sync.
 * Alternatives ({@code {yaml,yml}}) are expanded by {@link GlobSet}.
 */
public final class Glob {
    /** Longer patterns are refused: no real path rule needs more, and it bounds the states a match carries. */
    public static final int MAX_LENGTH = 256;

    private sealed interface Step permits Literal, AnyChar, CharClass, Star, GlobStar, DirsPrefix {
    }

    private record Literal(char c) implements Step {
    }

    private record AnyChar() implements Step {
    }

    private record CharClass(String chars, boolean negated) implements Step {
        boolean contains(char c) {
            boolean in = false;
            for (int i = 0; i < chars.length() && !in; i++) {
                char from = chars.charAt(i);
                if (i + 2 < chars.length() && chars.charAt(i + 1) == '-') {
                    in = c >= from && c <= chars.charAt(i + 2);
                    i += 2;
                } else {
                    in = c == from;
                }
            }
            return in != negated;
        }
    }

    /** {@code *}: any characters but '/'. */
    private record Star() implements Step {
    }

    /** {@code **} not followed by '/': any characters. */
    private record GlobStar() implements Step {
    }

    /** {@code **}{@code /}: nothing, or any characters ending in '/' (the next step is that '/'). */
    private record DirsPrefix() implements Step {
    }

    /** Characters below this have their accepting states computed once, at compile time. */
    private static final int TABLE_SIZE = 128;

    private final String pattern;
    private final Step[] steps;
    /** The repeating states: a character they accept keeps them where they are, and they may be passed by nothing. */
    private final long[] repeats;
    /** The states that are not repeating: a character they accept moves them on by one. */
    private final long[] moves;
    /** The {@code **}{@code /} states, which may also skip the '/' that follows them. */
    private final long[] skipsSlash;
    private final long[][] acceptsByChar;

    private Glob(String pattern, Step[] steps) {
        this.pattern = pattern;
        this.steps = steps;
        int states = steps.length + 1;
        this.repeats = StateBits.of(states);
        this.moves = StateBits.of(states);
        this.skipsSlash = StateBits.of(states);
        for (int s = 0; s < steps.length; s++) {
            StateBits.set(stays(steps[s]) ? repeats : moves, s);
            if (steps[s] instanceof DirsPrefix) {
                StateBits.set(skipsSlash, s);
            }
        }
        this.acceptsByChar = new long[TABLE_SIZE][];
        for (char c = 0; c < TABLE_SIZE; c++) {
            acceptsByChar[c] = accepting(c);
        }
    }

    /** @throws BadRequest naming the pattern and what is wrong with it */
    public static Glob compile(String pattern) {
        if (pattern == null || pattern.isBlank()) {
            throw new BadRequest("glob", "a path pattern is empty");
        }
        if (pattern.length() > MAX_LENGTH) {
            throw new BadRequest("glob", "path pattern '" + pattern.substring(0, 40) + "…' is longer than "
                    + MAX_LENGTH + " characters");
        }
        if (pattern.startsWith("/") || pattern.equals("..") || pattern.startsWith("../") || pattern.contains("/../")
                || pattern.endsWith("/..")) {
            throw new BadRequest("glob", "path pattern '" + pattern + "' must be relative to the repository root");
        }
        return new Glob(pattern, parse(pattern).toArray(Step[]::new));
    }

    public String pattern() {
        return pattern;
    }

    /** Runs the path through all states at once, a few word operations per character (bit-parallel, as in RE2). */
    public boolean matches(String path) {
        long[] current = StateBits.of(steps.length + 1);
        long[] next = StateBits.of(steps.length + 1);
        long[] scratch = StateBits.of(steps.length + 1);
        StateBits.set(current, 0);
        closure(current, scratch);
        for (int i = 0; i < path.length() && !StateBits.isEmpty(current); i++) {
            char c = path.charAt(i);
            long[] accepting = c < TABLE_SIZE ? acceptsByChar[c] : accepting(c);
            advance(current, accepting, next, scratch);
            closure(next, scratch);
            long[] read = current;
            current = next;
            next = read;
        }
        return StateBits.get(current, steps.length);
    }

    private long[] accepting(char c) {
        long[] states = StateBits.of(steps.length + 1);
        for (int s = 0; s < steps.length; s++) {
            if (accepts(steps[s], c)) {
                StateBits.set(states, s);
            }
        }
        return states;
    }

    /** A state that accepts the character moves on by one, or stays if it repeats. */
    private void advance(long[] current, long[] accepting, long[] next, long[] scratch) {
        for (int w = 0; w < current.length; w++) {
            scratch[w] = current[w] & accepting[w];
            next[w] = scratch[w] & repeats[w];
        }
        StateBits.shiftedAnd(scratch, moves, 1, scratch);
        StateBits.addAll(next, scratch);
    }

    private static boolean accepts(Step step, char c) {
        if (step instanceof Literal literal) {
            return literal.c() == c;
        }
        if (step instanceof CharClass chars) {
            return c != '/' && chars.contains(c);
        }
        if (step instanceof AnyChar || step instanceof Star) {
            return c != '/';
        }
        return true;
    }

    /** The repeating steps read a character and stay where they are. */
    private static boolean stays(Step step) {
        return step instanceof Star || step instanceof GlobStar || step instanceof DirsPrefix;
    }

    /**
     * Adds the states reachable without reading a character: past a star, or past an empty directory prefix and its
     * '/'. Repeated until nothing is added, since stars can follow each other; at most once per state.
     */
    private void closure(long[] states, long[] scratch) {
        boolean added = true;
        while (added) {
            StateBits.shiftedAnd(states, repeats, 1, scratch);
            added = StateBits.addAll(states, scratch);
            StateBits.shiftedAnd(states, skipsSlash, 2, scratch);
            added |= StateBits.addAll(states, scratch);
        }
    }

    private static List<Step> parse(String pattern) {
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '*' && pattern.startsWith("**/", i)) {
                steps.add(new DirsPrefix());
                steps.add(new Literal('/'));
                i += 2;
            } else if (c == '*' && pattern.startsWith("**", i)) {
                steps.add(new GlobStar());
                i++;
            } else if (c == '*') {
                steps.add(new Star());
            } else if (c == '?') {
                steps.add(new AnyChar());
            } else if (c == '[' && pattern.indexOf(']', i + 2) > 0) {
                int end = pattern.indexOf(']', i + 2);
                boolean negated = pattern.charAt(i + 1) == '!' || pattern.charAt(i + 1) == '^';
                steps.add(new CharClass(pattern.substring(negated ? i + 2 : i + 1, end), negated));
                i = end;
            } else if (c == '\\' && i + 1 < pattern.length()) {
                steps.add(new Literal(pattern.charAt(++i)));
            } else {
                steps.add(new Literal(c));
            }
        }
        return steps;
    }

    @Override
    public String toString() {
        return pattern;
    }
}
