package dev.losslab.lab.data;

import dev.losslab.train.TabularData;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CSV and TSV files (optionally gzip): a header row is detected when the first row has a
 * non-numeric field; the label column is chosen by name or 0-based index (default: last).
 * Non-numeric feature columns are one-hot encoded (values in sorted order); surrounding quotes
 * are stripped.
 *
 * <p>A column whose cells are all numbers is a feature; one whose cells are all text is one-hot
 * encoded; a column that mixes the two, and a number that is not finite (NaN, ±Infinity, beyond
 * float32), is refused with the row and column.
 */
public final class DelimitedLoader {
    private DelimitedLoader() {}

    public static Dataset load(Path file, char separator, String labelColumn) throws IOException {
        List<String[]> rows = new ArrayList<>();
        try (BufferedReader r = DataFiles.reader(file)) {
            String line;
            while ((line = r.readLine()) != null) {
                if (!line.isBlank()) {
                    rows.add(split(line.strip(), separator));
                }
            }
        }
        if (rows.isEmpty()) {
            throw new IOException(file + ": no rows");
        }
        String[] header = null;
        for (String f : rows.get(0)) {
            if (!LabelIndex.isNumber(f)) {
                header = rows.remove(0);
                break;
            }
        }
        if (rows.isEmpty()) {
            throw new IOException(file + ": a header but no data rows");
        }
        int width = rows.get(0).length;
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).length != width) {
                throw new IOException(file + ": row " + (i + 1) + " has " + rows.get(i).length + " fields, expected " + width);
            }
        }
        int label = labelIndex(header, width, labelColumn, file);
        List<String> rawLabels = new ArrayList<>();
        for (String[] row : rows) {
            rawLabels.add(row[label]);
        }
        List<String> classes = LabelIndex.classes(rawLabels);
        List<Map<String, Integer>> categories = new ArrayList<>();
        List<String> inferred = new ArrayList<>();
        int dim = 0;
        for (int c = 0; c < width; c++) {
            Map<String, Integer> cat = null;
            if (c != label) {
                final int col = c;
                long numbers = rows.stream().filter(r -> LabelIndex.isNumber(r[col])).count();
                if (numbers > 0 && numbers < rows.size()) {
                    int bad = 0;
                    while (LabelIndex.isNumber(rows.get(bad)[col])) {
                        bad++;
                    }
                    throw new IOException(file + ": column " + columnName(header, col) + " mixes numbers and text (" + numbers + " of " + rows.size()
                            + " cells are numbers; row " + (bad + 1) + " has '" + rows.get(bad)[col] + "'): fix the cell, or make every cell text to read it as categorical");
                }
                if (numbers == 0) {
                    cat = new LinkedHashMap<>();
                    for (String v : rows.stream().map(r -> r[col]).distinct().sorted().toList()) {
                        cat.put(v, cat.size());
                    }
                }
                if (cat != null) {
                    inferred.add("column " + columnName(header, c) + " is text: one-hot encoded as " + cat.size() + " features " + cat.keySet());
                }
                dim += cat == null ? 1 : cat.size();
            }
            categories.add(cat);
        }
        float[][] x = new float[rows.size()][dim];
        for (int i = 0; i < rows.size(); i++) {
            int j = 0;
            for (int c = 0; c < width; c++) {
                if (c == label) {
                    continue;
                }
                Map<String, Integer> cat = categories.get(c);
                if (cat == null) {
                    float v = Float.parseFloat(rows.get(i)[c]);
                    if (!Float.isFinite(v)) {
                        throw new IOException(file + ": row " + (i + 1) + ", column " + columnName(header, c) + ": '" + rows.get(i)[c]
                                + "' is not a finite number (float32)");
                    }
                    x[i][j++] = v;
                } else {
                    x[i][j + cat.get(rows.get(i)[c])] = 1;
                    j += cat.size();
                }
            }
        }
        TabularData data = new TabularData(x, LabelIndex.encode(rawLabels, classes), classes.size());
        return new Dataset(file.getFileName().toString(), data, classes, file.toString(), inferred);
    }

    private static String columnName(String[] header, int col) {
        return header == null ? Integer.toString(col) : "'" + header[col] + "'";
    }

    private static int labelIndex(String[] header, int width, String labelColumn, Path file) throws IOException {
        if (labelColumn == null || labelColumn.isEmpty()) {
            return width - 1;
        }
        if (header != null) {
            for (int i = 0; i < header.length; i++) {
                if (header[i].equals(labelColumn)) {
                    return i;
                }
            }
        }
        if (labelColumn.matches("-?\\d+")) {
            int i = Integer.parseInt(labelColumn);
            int idx = i < 0 ? width + i : i;
            if (idx >= 0 && idx < width) {
                return idx;
            }
        }
        throw new IOException(file + ": no label column '" + labelColumn + "'" + (header == null ? "" : " in header " + String.join(",", header)));
    }

    static String[] split(String line, char sep) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (ch == '"') {
                quoted = !quoted;
            } else if (ch == sep && !quoted) {
                out.add(unquote(cur.toString().strip()));
                cur.setLength(0);
            } else {
                cur.append(ch);
            }
        }
        out.add(unquote(cur.toString().strip()));
        return out.toArray(String[]::new);
    }

    private static String unquote(String s) {
        return s.length() >= 2 && s.startsWith("'") && s.endsWith("'") ? s.substring(1, s.length() - 1) : s;
    }
}
