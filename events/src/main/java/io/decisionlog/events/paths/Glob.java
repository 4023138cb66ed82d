package io.decisionlog.events.paths;

import io.decisionlog.events.errors.BadRequest;

import java.util.ArrayList;
import java.util.BitSet;
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

    private final String pattern;
    private final Step[] steps;
    /** Per state, whether reading a character keeps it there (a star) rather than moving on; read once per match. */
    private final boolean[] repeats;

    private Glob(String pattern, Step[] steps) {
        this.pattern = pattern;
        this.steps = steps;
        this.repeats = new boolean[steps.length];
        for (int s = 0; s < steps.length; s++) {
            repeats[s] = stays(steps[s]);
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

    public boolean matches(String path) {
        BitSet current = new BitSet(steps.length + 1);
        BitSet next = new BitSet(steps.length + 1);
        current.set(0);
        closure(current);
        for (int i = 0; i < path.length() && !current.isEmpty(); i++) {
            advance(current, path.charAt(i), next);
            closure(next);
            BitSet read = current;
            current = next;
            next = read;
        }
        return current.get(steps.length);
    }

    /** Moves every state that accepts {@code c} into {@code next}, emptying {@code states} on the way. */
    private void advance(BitSet states, char c, BitSet next) {
        next.clear();
        for (int s = states.nextSetBit(0); s >= 0 && s < steps.length; s = states.nextSetBit(s + 1)) {
            if (accepts(steps[s], c)) {
                next.set(repeats[s] ? s : s + 1);
            }
        }
        states.clear();
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

    /** Adds the states reachable without reading a character: past a star, or past an empty directory prefix. */
    private void closure(BitSet states) {
        for (int s = states.nextSetBit(0); s >= 0 && s < steps.length; s = states.nextSetBit(s + 1)) {
            if (repeats[s]) {
                states.set(s + 1);
                if (steps[s] instanceof DirsPrefix) {
                    states.set(s + 2);
                }
            }
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
