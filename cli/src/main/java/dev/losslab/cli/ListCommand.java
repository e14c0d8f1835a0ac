package dev.losslab.cli;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.losslab.core.InvalidArgumentException;
import dev.losslab.core.registry.Component;
import dev.losslab.core.registry.Kind;
import dev.losslab.core.registry.Param;
import dev.losslab.core.registry.Registry;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code losslab list [--json]}: every registered component. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List every registered component with kind, family, papers and parameters.")
final class ListCommand implements Callable<Integer> {
    @Option(names = "--json", description = "print JSON")
    boolean json;

    @Option(names = "--paper", description = "only components of paper NN (e.g. 09)")
    Integer paper;

    @Option(names = "--kind", description = "only this kind: loss, optimizer, schedule, reweighter, trainer, metric")
    String kind;

    @Option(names = "--family", description = "only this family (e.g. classification)")
    String family;

    /** The registered components that pass the filters, in registry order. */
    private java.util.List<Component<?>> selected() {
        if (kind != null && java.util.Arrays.stream(Kind.values()).noneMatch(k -> k.label().equals(kind))) {
            throw new InvalidArgumentException("kind", "expected one of " + java.util.Arrays.stream(Kind.values()).map(Kind::label).toList() + ", got '" + kind + "'");
        }
        if (paper != null && (paper < 1 || paper > 99)) {
            throw new InvalidArgumentException("paper", "expected a paper number 1–99, got " + paper);
        }
        return Registry.defaults().all().stream()
                .filter(c -> paper == null || c.papers().contains(paper))
                .filter(c -> kind == null || c.kind().label().equals(kind))
                .filter(c -> family == null || c.family().equals(family))
                .toList();
    }

    @Override
    public Integer call() {
        java.util.List<Component<?>> components = selected();
        if (json) {
            JsonArray arr = new JsonArray();
            for (Component<?> c : components) {
                JsonObject o = new JsonObject();
                o.addProperty("name", c.name());
                o.addProperty("kind", c.kind().label());
                o.addProperty("family", c.family());
                JsonArray papers = new JsonArray();
                c.papers().forEach(p -> papers.add(String.format("%02d", p)));
                o.add("papers", papers);
                o.addProperty("summary", c.summary());
                JsonArray params = new JsonArray();
                for (Param p : c.params()) {
                    JsonObject po = new JsonObject();
                    po.addProperty("name", p.name());
                    po.addProperty("type", p.type().name().toLowerCase(java.util.Locale.ROOT));
                    if (p.defaultValue() instanceof Number n) {
                        po.addProperty("default", n);
                    } else if (p.defaultValue() instanceof Boolean b) {
                        po.addProperty("default", b);
                    } else if (p.defaultValue() instanceof List<?> list) {
                        JsonArray values = new JsonArray();
                        list.forEach(v -> {
                            if (v instanceof Number n) {
                                values.add(n);
                            } else {
                                values.add(String.valueOf(v));
                            }
                        });
                        po.add("default", values);
                    } else {
                        po.addProperty("default", String.valueOf(p.defaultValue()));
                    }
                    po.addProperty("allowed", p.allowed());
                    po.addProperty("description", p.description());
                    params.add(po);
                }
                o.add("params", params);
                arr.add(o);
            }
            System.out.println(new GsonBuilder().setPrettyPrinting().create().toJson(arr));
            return 0;
        }
        int width = components.stream().mapToInt(c -> c.name().length()).max().orElse(4);
        String row = "%-" + width + "s  %-10s %-15s %-7s %s%n";
        System.out.printf(row, "NAME", "KIND", "FAMILY", "PAPERS", "PARAMETERS (default, allowed)");
        for (Component<?> c : components) {
            StringBuilder ps = new StringBuilder();
            for (Param p : c.params()) {
                ps.append(ps.length() == 0 ? "" : "; ").append(p.name()).append('=').append(p.defaultText()).append(" ").append(p.allowed());
            }
            String papers = c.papers().stream().map(p -> String.format("%02d", p)).reduce((a, b) -> a + "," + b).orElse("-");
            System.out.printf(row, c.name(), c.kind().label(), c.family(), papers, ps);
        }
        return 0;
    }
}
