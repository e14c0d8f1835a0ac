package dev.losslab.lab.repro;

import java.util.List;
import java.util.stream.Collectors;

/** A markdown table built row by row for a report. */
public final class MarkdownTable {
    private final StringBuilder text = new StringBuilder();
    private final int columns;

    public MarkdownTable(List<String> header) {
        this.columns = header.size();
        text.append(line(header)).append("|---".repeat(columns)).append("|\n");
    }

    public MarkdownTable(String... header) {
        this(List.of(header));
    }

    /** One row; each cell is written with {@code String.valueOf}. */
    public MarkdownTable row(List<?> cells) {
        if (cells.size() != columns) {
            throw new IllegalArgumentException("row of " + cells.size() + " cells in a table of " + columns + " columns");
        }
        text.append(line(cells));
        return this;
    }

    public MarkdownTable row(Object... cells) {
        return row(List.of(cells));
    }

    /** A value with three decimals, the reports' usual precision. */
    public static String f3(double v) {
        return String.format("%.3f", v);
    }

    private static String line(List<?> cells) {
        return cells.stream().map(c -> cell(String.valueOf(c))).collect(Collectors.joining(" | ", "| ", " |\n"));
    }

    @Override
    public String toString() {
        return text.toString();
    }

    /** A cell's text with its pipes escaped, so a description such as |a − b| stays in one cell. */
    public static String cell(String text) {
        return text.replace("|", "\\|");
    }
}
