package dev.losslab.lab.report;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.losslab.lab.repro.Check;
import dev.losslab.lab.repro.MarkdownTable;
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

    /** The folder {@link #write} writes {@code r} into: {@code out/NN-slug}. */
    public Path folder(ReproResult r) {
        return out.resolve(r.id());
    }

    public Path write(ReproResult r) throws IOException {
        Path dir = folder(r);
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
        JsonArray plots = new JsonArray();
        for (Plot p : r.plots()) {
            JsonObject j = new JsonObject();
            j.addProperty("file", p.file());
            j.addProperty("title", p.statedTitle());
            plots.add(j);
        }
        o.add("plots", plots);
        o.addProperty("holds", r.holds());
        o.addProperty("verdict", r.verdict());
        if (r.about().isBlocked()) {
            o.addProperty("blocked", r.about().blocked());
        }
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
        b.append("**Verdict: ").append(r.verdict()).append("**")
                .append(r.quick() ? " (quick, CI-sized protocol)" : "").append("\n\n");
        if (r.about().isBlocked()) {
            b.append("**Blocked.** ").append(r.about().blocked()).append("\n\n");
        }
        b.append("**Data.** ").append(r.dataset()).append(r.synthetic()
                ? " — the real data set was not found, so this ran on the synthetic stand-in named here; the notes say which thresholds, if any,"
                        + " differ from the spec's for it."
                : "").append("\n\n");
        b.append("Seeds: ").append(java.util.Arrays.toString(r.seeds())).append("; metric: ").append(r.about().metric()).append(".\n\n");
        b.append(r.table()).append('\n');
        for (Plot p : r.plots()) {
            b.append("![").append(p.statedTitle()).append("](").append(p.file()).append(")\n\n");
        }
        b.append("## Checks\n\nMargin: how far inside its bound each measurement lies (negative: by how much it misses).\n\n"
                + "| check | measured | bound | margin | holds |\n|---|---|---|---|---|\n");
        for (Check c : r.checks()) {
            String bound = Double.isNaN(c.threshold()) ? "—" : (c.atMost() ? "≤ " : "≥ ") + number(c.threshold());
            b.append(c.evaluated()
                    ? String.format("| %s | %s | %s | %s | %s |%n", MarkdownTable.cell(c.description()), number(c.measured()), bound, number(c.margin()), c.holds() ? "yes" : "**no**")
                    : String.format("| %s | — | %s | — | not evaluated: %s |%n", MarkdownTable.cell(c.description()), bound, MarkdownTable.cell(c.notEvaluated())));
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

    /** "real data", "synthetic stand-in" or "the paper's own synthetic task". */
    private static String dataKind(JsonObject j) {
        JsonObject d = j.getAsJsonObject("dataset");
        if (d.get("synthetic_stand_in").getAsBoolean()) {
            return "synthetic stand-in (real data not found)";
        }
        return d.get("source").getAsString().startsWith("synthetic") ? "the paper's own synthetic task" : "real data";
    }

    private static String protocol(JsonObject j) {
        return j.get("quick").getAsBoolean() ? "quick (CI-sized)" : "full";
    }

    /** The plot files of a result, in the reproduction's order (older result.json files: the PNGs in the folder). */
    private static List<String[]> plots(JsonObject j, Path dir) throws IOException {
        List<String[]> plots = new java.util.ArrayList<>();
        if (j.has("plots")) {
            for (var e : j.getAsJsonArray("plots")) {
                JsonObject p = e.getAsJsonObject();
                plots.add(new String[] {p.get("file").getAsString(), p.get("title").getAsString()});
            }
            return plots;
        }
        try (var s = Files.list(dir)) {
            s.map(p -> p.getFileName().toString()).filter(f -> f.endsWith(".png")).sorted().forEach(f -> plots.add(new String[] {f, f}));
        }
        return plots;
    }

    /**
     * Rewrites {@code out/index.html} from every {@code result.json} under {@code out}: a summary
     * table, then per paper its claim, verdict, data, protocol, seeds, wall time, checks, every plot,
     * notes and links. The page is one file; its images are the PNGs beside it. A small inline script
     * records on {@code <body>} how many images the browser decoded ({@code data-images-rendered}),
     * so a headless browser can check that the page renders every plot.
     */
    public Path writeIndex() throws IOException {
        StringBuilder summary = new StringBuilder("<table class=\"summary\"><tr><th>paper</th><th>verdict</th><th>checks held</th><th>data</th>"
                + "<th>protocol</th><th>seeds</th><th>wall time</th></tr>\n");
        StringBuilder rows = new StringBuilder();
        List<Path> dirs;
        try (var s = Files.list(out)) {
            dirs = s.filter(d -> Files.isRegularFile(d.resolve("result.json"))).sorted().toList();
        }
        int images = 0;
        for (Path d : dirs) {
            JsonObject j = GSON.fromJson(Files.readString(d.resolve("result.json")), JsonObject.class);
            boolean holds = j.get("holds").getAsBoolean();
            String name = d.getFileName().toString();
            boolean blocked = j.has("blocked");
            String label = j.has("verdict") ? j.get("verdict").getAsString() : holds ? "holds" : "does not hold";
            String verdict = "<span class=\"" + (blocked ? "blocked" : holds ? "ok" : "bad") + "\">" + esc(label) + "</span>";
            JsonArray checks = j.getAsJsonArray("checks");
            long held = 0;
            for (var c : checks) {
                held += c.getAsJsonObject().has("holds") && c.getAsJsonObject().get("holds").getAsBoolean() ? 1 : 0;
            }
            String seconds = String.format("%.1f s", j.get("seconds").getAsDouble());
            summary.append("<tr><td><a href=\"#").append(name).append("\">").append(esc(j.get("paper").getAsString())).append(" ")
                    .append(esc(j.get("title").getAsString())).append("</a></td><td>").append(verdict).append("</td><td>").append(held).append(" / ")
                    .append(checks.size()).append("</td><td>").append(esc(dataKind(j))).append("</td><td>").append(protocol(j)).append("</td><td>")
                    .append(esc(j.get("seeds").toString())).append("</td><td>").append(seconds).append("</td></tr>\n");
            rows.append("<section id=\"").append(name).append("\"><h2>").append(esc(j.get("paper").getAsString())).append(" — ")
                    .append(esc(j.get("title").getAsString())).append(' ').append(verdict).append("</h2>\n<p>").append(esc(j.get("claim").getAsString()))
                    .append("</p>\n").append(blocked ? "<p><b>Blocked.</b> " + esc(j.get("blocked").getAsString()) + "</p>\n" : "")
                    .append("<p class=\"data\">Data: ").append(esc(j.getAsJsonObject("dataset").get("source").getAsString())).append(" (")
                    .append(esc(dataKind(j))).append(") · protocol: ").append(protocol(j)).append(" · seeds ").append(esc(j.get("seeds").toString()))
                    .append(" · ").append(seconds);
            if (j.has("command")) {
                rows.append("<br>Command: <code>").append(esc(j.get("command").getAsString())).append("</code>");
            }
            rows.append("</p>\n").append(checksTable(checks));
            for (String[] plot : plots(j, d)) {
                images++;
                rows.append("<figure><a href=\"").append(name).append('/').append(plot[0]).append("\"><img src=\"").append(name).append('/')
                        .append(plot[0]).append("\" alt=\"").append(esc(plot[1])).append("\"></a><figcaption>").append(esc(plot[1]))
                        .append("</figcaption></figure>\n");
            }
            if (j.has("notes") && j.getAsJsonArray("notes").size() > 0) {
                rows.append("<details><summary>Notes (").append(j.getAsJsonArray("notes").size()).append(")</summary><ul>\n");
                for (var n : j.getAsJsonArray("notes")) {
                    rows.append("<li>").append(esc(n.getAsString())).append("</li>\n");
                }
                rows.append("</ul></details>\n");
            }
            rows.append("<p><a href=\"").append(name).append("/report.md\">report.md</a> · <a href=\"").append(name)
                    .append("/result.json\">result.json</a></p></section>\n");
        }
        summary.append("</table>\n");
        String html = "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>LossLab reproductions</title>\n"
                + "<style>body{font-family:sans-serif;max-width:1000px;margin:2em auto;color:#222}img{max-width:100%;border:1px solid #ddd}"
                + ".ok{color:#fff;background:#2a7;padding:2px 8px;border-radius:4px;font-size:70%}"
                + ".bad{color:#fff;background:#c33;padding:2px 8px;border-radius:4px;font-size:70%}"
                + ".blocked{color:#fff;background:#888;padding:2px 8px;border-radius:4px;font-size:70%}.data{color:#555}"
                + "section{border-bottom:1px solid #eee;padding-bottom:1em}table{border-collapse:collapse;margin:.5em 0;font-size:90%}"
                + "td,th{border:1px solid #ddd;padding:2px 6px;text-align:left}td.no{color:#c33;font-weight:bold}"
                + "figure{margin:1em 0}figcaption{color:#555;font-size:85%}</style>\n"
                + "<script>addEventListener('load',()=>{const i=[...document.images];"
                + "document.body.dataset.imagesRendered=i.filter(x=>x.complete&&x.naturalWidth>0).length;"
                + "document.body.dataset.imagesTotal=i.length;});</script></head>\n"
                + "<body data-images-expected=\"" + images + "\"><h1>LossLab reproductions</h1>\n"
                + "<p>The reports under this folder. Each plot shows the mean over seeds with ±1 standard deviation; each check its"
                + " measured value, bound and margin.</p>\n" + summary + rows + "</body></html>\n";
        Path index = out.resolve("index.html");
        Files.writeString(index, html, StandardCharsets.UTF_8);
        return index;
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
