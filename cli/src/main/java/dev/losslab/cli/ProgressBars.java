package dev.losslab.cli;

import java.io.PrintStream;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** The commands' progress bars on stderr, ASCII, with each rendered line printed once. */
final class ProgressBars {
    private ProgressBars() {}

    static ProgressBar start(String task, long max) {
        return new ProgressBarBuilder().setTaskName(task).setInitialMax(max).setStyle(ProgressBarStyle.ASCII)
                .setConsumer(new OncePerLine(System.err)).build();
    }

    /** The library renders the final state again when the bar closes; a repeat of the last line is skipped. */
    private static final class OncePerLine extends ConsoleProgressBarConsumer {
        private String last;

        OncePerLine(PrintStream out) {
            super(out);
        }

        @Override
        public void accept(String rendered) {
            if (!rendered.equals(last)) {
                last = rendered;
                super.accept(rendered);
            }
        }
    }
}
