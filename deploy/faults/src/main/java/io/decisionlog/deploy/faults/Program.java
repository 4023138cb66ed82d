package io.decisionlog.deploy.faults;

import java.util.concurrent.Callable;
import java.util.function.Function;

/**
 * A run as a program (FaultRun, ScaleOutRun): settings from the arguments, the run carried out, every process it
 * started stopped — also on SIGTERM — and its exit code: the run's own (0 passed, 1 a check failed), 2 when it could
 * not be carried out.
 */
record Program(Callable<Integer> execute, Runnable teardown) {

    static void main(String name, String[] args, Function<String[], Settings> parse,
                     Function<Settings, Program> make) {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "error");
        System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
        Settings settings;
        try {
            settings = parse.apply(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        Program program = make.apply(settings);
        Runtime.getRuntime().addShutdownHook(new Thread(program.teardown, name + "-teardown"));
        int code;
        try {
            code = program.execute.call();
        } catch (Throwable e) {
            Console.say("the %s could not be carried out: %s", name, e);
            e.printStackTrace(System.out);
            code = 2;
        } finally {
            program.teardown.run();
        }
        Console.say("exit code %d (data and logs: %s)", code, settings.dataDir());
        System.exit(code);
    }
}
