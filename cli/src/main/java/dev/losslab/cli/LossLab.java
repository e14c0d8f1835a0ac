package dev.losslab.cli;

import dev.losslab.core.InvalidArgumentException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code losslab} command. Exit codes: 0 success, 2 bad input or usage (one line on stderr
 * naming the problem), 1 internal failure.
 */
@Command(name = "losslab", mixinStandardHelpOptions = true, version = "losslab 0.1.0",
        description = "Training objectives of current machine-learning research, on DJL.",
        subcommands = {CommandLine.HelpCommand.class, ListCommand.class, DocsCommand.class, LossCommand.class, ReproduceCommand.class, TrainCommand.class, DistillCommand.class, AlignCommand.class, DataCommand.class, BenchCommand.class, SweepCommand.class})
public final class LossLab {
    public static final int BAD_INPUT = 2;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the CLI and returns its exit code (for tests). */
    public static int run(String... args) {
        CommandLine cl = new CommandLine(new LossLab());
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            Throwable root = ex;
            while (root.getCause() != null && !(root instanceof IllegalArgumentException) && !(root instanceof java.io.IOException)) {
                root = root.getCause();
            }
            if (root instanceof IllegalArgumentException || root instanceof java.io.IOException) {
                cmd.getErr().println("losslab: " + oneLine(root.getMessage()));
                return BAD_INPUT;
            }
            cmd.getErr().println("losslab: internal error: " + oneLine(String.valueOf(ex)));
            ex.printStackTrace(cmd.getErr());
            return 1;
        });
        cl.setParameterExceptionHandler((ex, a) -> {
            ex.getCommandLine().getErr().println("losslab: " + oneLine(ex.getMessage()));
            return BAD_INPUT;
        });
        return cl.execute(args);
    }

    static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s*\\R\\s*", " ").trim();
    }

    /** Makes {@link InvalidArgumentException} the single type the commands throw for bad input. */
    static InvalidArgumentException bad(String argument, String problem) {
        return new InvalidArgumentException(argument, problem);
    }
}
