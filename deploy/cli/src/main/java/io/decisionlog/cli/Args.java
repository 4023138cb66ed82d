package io.decisionlog.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A command's arguments: positionals, {@code --flag}s, and {@code --option VALUE} / {@code --option=VALUE} (an
 * option may repeat). Anything else is a usage error that names it; {@code --} ends the options.
 */
public final class Args {
    private final List<String> positionals = new ArrayList<>();
    private final Map<String, List<String>> options = new LinkedHashMap<>();

    private Args() {
    }

    /**
     * @param flags   options without a value, e.g. {@code --json}
     * @param valued  options with a value, e.g. {@code --repo}
     */
    public static Args parse(List<String> argv, Set<String> flags, Set<String> valued) {
        Args args = new Args();
        boolean optionsEnded = false;
        for (int i = 0; i < argv.size(); i++) {
            String arg = argv.get(i);
            if (optionsEnded || !arg.startsWith("--") || arg.equals("-")) {
                args.positionals.add(arg);
                continue;
            }
            if (arg.equals("--")) {
                optionsEnded = true;
                continue;
            }
            int eq = arg.indexOf('=');
            String name = eq < 0 ? arg : arg.substring(0, eq);
            if (flags.contains(name)) {
                if (eq >= 0) {
                    throw CliException.usage(name + " takes no value");
                }
                args.options.computeIfAbsent(name, any -> new ArrayList<>()).add("");
            } else if (valued.contains(name)) {
                String value;
                if (eq >= 0) {
                    value = arg.substring(eq + 1);
                } else if (i + 1 < argv.size()) {
                    value = argv.get(++i);
                } else {
                    throw CliException.usage(name + " needs a value");
                }
                args.options.computeIfAbsent(name, any -> new ArrayList<>()).add(value);
            } else {
                throw CliException.usage("unknown option " + name);
            }
        }
        return args;
    }

    public List<String> positionals() {
        return List.copyOf(positionals);
    }

    /** Exactly {@code count} positionals, named in the message when they are not. */
    public List<String> positionals(int count, String what) {
        if (positionals.size() != count) {
            throw CliException.usage("expected " + what + (positionals.isEmpty() ? "" : ", got: " + String.join(" ", positionals)));
        }
        return positionals();
    }

    public boolean flag(String name) {
        return options.containsKey(name);
    }

    /** The last value given for the option, or the default. */
    public String value(String name, String defaultValue) {
        List<String> values = options.get(name);
        return values == null || values.isEmpty() ? defaultValue : values.get(values.size() - 1);
    }

    public List<String> values(String name) {
        return List.copyOf(options.getOrDefault(name, List.of()));
    }
}
