package dev.losslab.cli;

import java.io.PrintStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** The commands' progress bars on stderr, ASCII, with each rendered line printed once. */
final class ProgressBars {
    private ProgressBars() {}

    static ProgressBar start(String task, long max) {
        return start(task, max, System.err);
    }

    static ProgressBar start(String task, long max, PrintStream out) {
        return new ProgressBarBuilder().setTaskName(task).setInitialMax(max).setStyle(ProgressBarStyle.ASCII)
                .setConsumer(new OncePerLine(out)).build();
    }

    /**
     * The library renders a finished bar again on every refresh and on close, differing only in its
     * clock; once the bar is complete, a line that repeats the last one up to the clock is skipped.
     */
    private static final class OncePerLine extends ConsoleProgressBarConsumer {
        private static final Pattern CLOCK = Pattern.compile("\\(\\d+:\\d\\d:\\d\\d / [^)]*\\)");
        private static final Pattern COUNT = Pattern.compile(" (\\d+)/(\\d+) ");
        private String last;

        OncePerLine(PrintStream out) {
            super(out);
        }

        @Override
        public void accept(String rendered) {
            String key = CLOCK.matcher(rendered).replaceAll("");
            if (key.equals(last) && complete(rendered)) {
                return;
            }
            last = key;
            super.accept(rendered);
        }

        private static boolean complete(String rendered) {
            Matcher m = COUNT.matcher(rendered);
            return m.find() && m.group(1).equals(m.group(2));
        }
    }
}
