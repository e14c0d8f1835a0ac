package dev.losslab.cli;

import dev.losslab.core.registry.Component;
import dev.losslab.core.registry.Param;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The parts of README.md and docs/CATALOG.md that the registry owns: written between
 * {@code <!-- generated: KEY -->} and {@code <!-- /generated: KEY -->} markers, so names and
 * parameters in the documentation are the registry's own. Everything outside the markers (statuses
 * and judgements) stays hand-written.
 */
final class GeneratedDocs {
    static final String README_KEY = "components";
    static final String CATALOG_KEY = "registry";

    private GeneratedDocs() {}

    /** README: one row per family and kind, with the registered names. */
    static String readmeTable(List<Component<?>> components) {
        Map<String, List<String>> groups = new LinkedHashMap<>();
        for (Component<?> c : components) {
            groups.computeIfAbsent(c.family() + " | " + c.kind().label(), k -> new ArrayList<>()).add("`" + c.name() + "`");
        }
        StringBuilder sb = new StringBuilder("| family | kind | registered names |\n|---|---|---|\n");
        groups.forEach((k, names) -> sb.append("| ").append(k).append(" | ").append(String.join(", ", names)).append(" |\n"));
        return sb.toString();
    }

    /** CATALOG: every registered component with its papers, summary and parameters (default, allowed). */
    static String catalogTable(List<Component<?>> components) {
        StringBuilder sb = new StringBuilder("| name | kind | family | papers | what it is | parameters (default, allowed) |\n|---|---|---|---|---|---|\n");
        for (Component<?> c : components) {
            String papers = c.papers().stream().map(p -> String.format("%02d", p)).collect(Collectors.joining(", "));
            String params = c.params().stream().map(GeneratedDocs::param).collect(Collectors.joining("; "));
            sb.append("| `").append(c.name()).append("` | ").append(c.kind().label()).append(" | ").append(c.family()).append(" | ").append(papers)
                    .append(" | ").append(cell(c.summary())).append(" | ").append(params.isEmpty() ? "—" : params).append(" |\n");
        }
        return sb.toString();
    }

    private static String param(Param p) {
        return "`" + p.name() + "` = " + p.defaultText() + " " + cell(p.allowed());
    }

    private static String cell(String text) {
        return text.replace("|", "\\|");
    }

    /** {@code text} with the block between the markers of {@code key} replaced by {@code content}. */
    static String replace(String text, String key, String content) {
        String open = "<!-- generated: " + key + " -->\n";
        String close = "<!-- /generated: " + key + " -->";
        int a = text.indexOf(open);
        int b = text.indexOf(close);
        if (a < 0 || b < a) {
            throw new IllegalStateException("markers for '" + key + "' not found");
        }
        return text.substring(0, a + open.length()) + content + text.substring(b);
    }
}
