package dev.losslab.lab.data;

import dev.losslab.train.TabularData;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Weka ARFF: numeric attributes as they are, nominal attributes one-hot in declared order; the
 * class attribute (by name, default the last) must be nominal and keeps its declared order.
 * Missing values ({@code ?}) become 0.
 */
public final class ArffLoader {
    private ArffLoader() {}

    private record Attribute(String name, List<String> values) {
        boolean nominal() {
            return values != null;
        }
    }

    public static Dataset load(Path file, String labelColumn) throws IOException {
        List<Attribute> attrs = new ArrayList<>();
        List<String[]> rows = new ArrayList<>();
        try (BufferedReader r = DataFiles.reader(file)) {
            String line;
            boolean data = false;
            while ((line = r.readLine()) != null) {
                String s = line.strip();
                if (s.isEmpty() || s.startsWith("%")) {
                    continue;
                }
                String lower = s.toLowerCase(Locale.ROOT);
                if (data) {
                    rows.add(DelimitedLoader.split(s, ','));
                } else if (lower.startsWith("@attribute")) {
                    attrs.add(parseAttribute(s.substring(10).strip()));
                } else if (lower.startsWith("@data")) {
                    data = true;
                }
            }
        }
        int label = attrs.size() - 1;
        if (labelColumn != null && !labelColumn.isEmpty()) {
            label = -1;
            for (int i = 0; i < attrs.size(); i++) {
                if (attrs.get(i).name().equals(labelColumn)) {
                    label = i;
                }
            }
            if (label < 0) {
                throw new IOException(file + ": no attribute '" + labelColumn + "'");
            }
        }
        Attribute target = attrs.get(label);
        if (!target.nominal()) {
            throw new IOException(file + ": class attribute '" + target.name() + "' is not nominal");
        }
        int dim = 0;
        for (int i = 0; i < attrs.size(); i++) {
            if (i != label) {
                dim += attrs.get(i).nominal() ? attrs.get(i).values().size() : 1;
            }
        }
        float[][] x = new float[rows.size()][dim];
        int[] y = new int[rows.size()];
        for (int n = 0; n < rows.size(); n++) {
            String[] row = rows.get(n);
            if (row.length != attrs.size()) {
                throw new IOException(file + ": data row " + (n + 1) + " has " + row.length + " values, expected " + attrs.size());
            }
            int j = 0;
            for (int i = 0; i < attrs.size(); i++) {
                Attribute a = attrs.get(i);
                if (i == label) {
                    y[n] = indexOf(a, row[i], file);
                } else if (a.nominal()) {
                    if (!row[i].equals("?")) {
                        x[n][j + indexOf(a, row[i], file)] = 1;
                    }
                    j += a.values().size();
                } else {
                    x[n][j++] = row[i].equals("?") ? 0 : Float.parseFloat(row[i]);
                }
            }
        }
        return new Dataset(file.getFileName().toString(), new TabularData(x, y, target.values().size()), target.values(), file.toString());
    }

    private static int indexOf(Attribute a, String v, Path file) throws IOException {
        int i = a.values().indexOf(v);
        if (i < 0) {
            throw new IOException(file + ": value '" + v + "' not declared for attribute " + a.name());
        }
        return i;
    }

    private static Attribute parseAttribute(String spec) {
        String name;
        String rest;
        if (spec.startsWith("'") || spec.startsWith("\"")) {
            int end = spec.indexOf(spec.charAt(0), 1);
            name = spec.substring(1, end);
            rest = spec.substring(end + 1).strip();
        } else {
            String[] p = spec.split("\\s+", 2);
            name = p[0];
            rest = p.length > 1 ? p[1].strip() : "";
        }
        if (rest.startsWith("{")) {
            String inner = rest.substring(1, rest.lastIndexOf('}'));
            List<String> values = new ArrayList<>(List.of(DelimitedLoader.split(inner, ',')));
            return new Attribute(name, values);
        }
        return new Attribute(name, null);
    }
}
