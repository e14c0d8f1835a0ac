package dev.losslab.lab.report;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.losslab.lab.repro.Check;
import dev.losslab.lab.repro.Plot;
import dev.losslab.lab.repro.ReproResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Writes a reproduction's {@code result.json}, {@code report.md} and plots into
 * {@code out/NN-slug/}, and the {@code out/index.html} that links every result found there.
 */
public final class ReportWriter {
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues().create();

    private final Path out;
    private final String command;

    /** @param command the command line that produced the results (provenance) */
    public ReportWriter(Path out, String command) {
        this.out = out;
        this.command = command;
    }

    public Path write(ReproResult r) throws IOException {
        Path dir = out.resolve(r.id());
        Files.createDirectories(dir);
        for (Plot p : r.plots()) {
            PlotRenderer.render(p, dir);
        }
        Files.writeString(dir.resolve("result.json"), GSON.toJson(json(r)), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("report.md"), markdown(r), StandardCharsets.UTF_8);
        return dir;
    }

    JsonObject json(ReproResult r) {
        JsonObject o = new JsonObject();
        o.addProperty("paper", r.about().number());
        o.addProperty("slug", r.about().slug());
        o.addProperty("title", r.about().title());
        o.addProperty("claim", r.about().claim());
        o.addProperty("metric", r.about().metric());
        JsonObject data = new JsonObject();
        data.addProperty("source", r.dataset());
        data.addProperty("synthetic_stand_in", r.synthetic());
        o.add("dataset", data);
        o.addProperty("quick", r.quick());
        o.add("seeds", GSON.toJsonTree(r.seeds()));
        JsonObject values = new JsonObject();
        JsonObject means = new JsonObject();
        for (Map.Entry<String, double[]> e : r.values().entrySet()) {
            values.add(e.getKey(), GSON.toJsonTree(e.getValue()));
            means.addProperty(e.getKey(), r.mean(e.getKey()));
        }
        o.add("values", values);
        o.add("means", means);
        JsonArray checks = new JsonArray();
        for (Check c : r.checks()) {
            JsonObject j = new JsonObject();
            j.addProperty("check", c.description());
            if (!Double.isNaN(c.threshold())) {
                j.addProperty(c.atMost() ? "at_most" : "at_least", c.threshold());
            }
            if (c.evaluated()) {
                j.addProperty("measured", c.measured());
                j.addProperty("margin", c.margin());
                j.addProperty("holds", c.holds());
            } else {
                j.addProperty("evaluated", false);
                j.addProperty("reason", c.notEvaluated());
            }
            checks.add(j);
        }
        o.add("checks", checks);
        o.addProperty("holds", r.holds());
        o.add("notes", GSON.toJsonTree(r.notes()));
        o.addProperty("seconds", Math.round(r.seconds() * 10) / 10.0);
        o.addProperty("command", command);
        o.addProperty("java", System.getProperty("java.version"));
        return o;
    }

    /** The reports' one number format: four significant digits. */
    static String number(double v) {
        return String.format("%.4g", v);
    }

    String markdown(ReproResult r) {
        StringBuilder b = new StringBuilder();
        b.append("# Paper ").append(r.about().number()).append(": ").append(r.about().title()).append("\n\n");
        b.append("**Claim.** ").append(r.about().claim()).append("\n\n");
        b.append("**Verdict: ").append(r.holds() ? "holds" : "does not hold").append("**")
                .append(r.quick() ? " (quick, CI-sized protocol)" : "").append("\n\n");
        b.append("**Data.** ").append(r.dataset()).append(r.synthetic()
                ? " — the real data set was not found, so this ran on the synthetic stand-in named here; the notes say which thresholds, if any,"
                        + " differ from the spec's for it."
                : "").append("\n\n");
        b.append("Seeds: ").append(java.util.Arrays.toString(r.seeds())).append("; metric: ").append(r.about().metric())
                .append(" (mean over seeds).\n\n");
        b.append(r.table()).append('\n');
        for (Plot p : r.plots()) {
            b.append("![").append(p.title()).append("](").append(p.file()).append(")\n\n");
        }
        b.append("## Checks\n\nMargin: how far inside its bound each measurement lies (negative: by how much it misses).\n\n"
                + "| check | measured | bound | margin | holds |\n|---|---|---|---|---|\n");
        for (Check c : r.checks()) {
            String bound = Double.isNaN(c.threshold()) ? "—" : (c.atMost() ? "≤ " : "≥ ") + number(c.threshold());
            b.append(c.evaluated()
                    ? String.format("| %s | %s | %s | %s | %s |%n", c.description(), number(c.measured()), bound, number(c.margin()), c.holds() ? "yes" : "**no**")
                    : String.format("| %s | — | %s | — | not evaluated: %s |%n", c.description(), bound, c.notEvaluated()));
        }
        b.append("\n## Notes\n\n");
        for (String n : r.notes()) {
            b.append("- ").append(n).append('\n');
        }
        b.append(String.format("%nRuntime %.1f s. Command: `%s`%n", r.seconds(), command));
        return b.toString();
    }

    /** An HTML table of result.json's checks: measured value, bound, margin and verdict (or why it was not evaluated). */
    private static String checksTable(JsonArray checks) {
        StringBuilder t = new StringBuilder("<table><tr><th>check</th><th>measured</th><th>bound</th><th>margin</th><th>holds</th></tr>\n");
        for (var e : checks) {
            JsonObject c = e.getAsJsonObject();
            boolean atMost = c.has("at_most");
            String bound = !atMost && !c.has("at_least") ? "—" : (atMost ? "≤ " : "≥ ") + number(c.get(atMost ? "at_most" : "at_least").getAsDouble());
            t.append("<tr><td>").append(esc(c.get("check").getAsString())).append("</td>");
            if (c.has("reason")) {
                t.append("<td>—</td><td>").append(esc(bound)).append("</td><td>—</td><td>not evaluated: ").append(esc(c.get("reason").getAsString()));
            } else {
                boolean holds = c.get("holds").getAsBoolean();
                t.append("<td>").append(number(c.get("measured").getAsDouble())).append("</td><td>").append(esc(bound)).append("</td><td>")
                        .append(number(c.get("margin").getAsDouble())).append("</td><td class=\"").append(holds ? "yes" : "no").append("\">")
                        .append(holds ? "yes" : "no");
            }
            t.append("</td></tr>\n");
        }
        return t.append("</table>\n").toString();
    }

    /** Rewrites {@code out/index.html} from every {@code result.json} under {@code out}. */
    public Path writeIndex() throws IOException {
        StringBuilder rows = new StringBuilder();
        List<Path> dirs;
        try (var s = Files.list(out)) {
            dirs = s.filter(d -> Files.isRegularFile(d.resolve("result.json"))).sorted().toList();
        }
        for (Path d : dirs) {
            JsonObject j = GSON.fromJson(Files.readString(d.resolve("result.json")), JsonObject.class);
            boolean holds = j.get("holds").getAsBoolean();
            String name = d.getFileName().toString();
            List<String> pngs;
            try (var s = Files.list(d)) {
                pngs = s.map(p -> p.getFileName().toString()).filter(f -> f.endsWith(".png")).sorted().toList();
            }
            rows.append("<section><h2>").append(esc(j.get("paper").getAsString())).append(" — ").append(esc(j.get("title").getAsString()))
                    .append(" <span class=\"").append(holds ? "ok" : "bad").append("\">").append(holds ? "holds" : "does not hold")
                    .append("</span></h2>\n<p>").append(esc(j.get("claim").getAsString())).append("</p>\n<p class=\"data\">Data: ")
                    .append(esc(j.getAsJsonObject("dataset").get("source").getAsString()))
                    .append(j.get("quick").getAsBoolean() ? " · quick protocol" : "").append(" · seeds ").append(esc(j.get("seeds").toString()))
                    .append(" · ").append(j.get("seconds").getAsDouble()).append(" s</p>\n");
            rows.append(checksTable(j.getAsJsonArray("checks")));
            for (String png : pngs) {
                rows.append("<a href=\"").append(name).append("/").append(png).append("\"><img src=\"").append(name).append("/").append(png)
                        .append("\" alt=\"").append(esc(png)).append("\"></a>\n");
            }
            rows.append("<p><a href=\"").append(name).append("/report.md\">report.md</a> · <a href=\"").append(name)
                    .append("/result.json\">result.json</a></p></section>\n");
        }
        String html = "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>LossLab reproductions</title>\n"
                + "<style>body{font-family:sans-serif;max-width:960px;margin:2em auto;color:#222}img{max-width:100%;border:1px solid #ddd}"
                + ".ok{color:#fff;background:#2a7;padding:2px 8px;border-radius:4px;font-size:70%}"
                + ".bad{color:#fff;background:#c33;padding:2px 8px;border-radius:4px;font-size:70%}.data{color:#666}"
                + "section{border-bottom:1px solid #eee;padding-bottom:1em}table{border-collapse:collapse;margin:.5em 0;font-size:90%}"
                + "td,th{border:1px solid #ddd;padding:2px 6px;text-align:left}td.no{color:#c33;font-weight:bold}</style></head>\n<body><h1>LossLab reproductions</h1>\n"
                + "<p>Command: <code>" + esc(command) + "</code></p>\n" + rows + "</body></html>\n";
        Path index = out.resolve("index.html");
        Files.writeString(index, html, StandardCharsets.UTF_8);
        return index;
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
