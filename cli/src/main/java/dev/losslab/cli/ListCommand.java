package dev.losslab.cli;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.losslab.core.registry.Component;
import dev.losslab.core.registry.Param;
import dev.losslab.core.registry.Registry;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code losslab list [--json]}: every registered component. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List every registered component with kind, family, papers and parameters.")
final class ListCommand implements Callable<Integer> {
    @Option(names = "--json", description = "print JSON")
    boolean json;

    @Override
    public Integer call() {
        if (json) {
            JsonArray arr = new JsonArray();
            for (Component<?> c : Registry.defaults().all()) {
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
        int width = Registry.defaults().all().stream().mapToInt(c -> c.name().length()).max().orElse(4);
        String row = "%-" + width + "s  %-10s %-15s %-7s %s%n";
        System.out.printf(row, "NAME", "KIND", "FAMILY", "PAPERS", "PARAMETERS (default, allowed)");
        for (Component<?> c : Registry.defaults().all()) {
            StringBuilder ps = new StringBuilder();
            for (Param p : c.params()) {
                ps.append(ps.length() == 0 ? "" : "; ").append(p.name()).append('=').append(p.defaultValue()).append(" ").append(p.allowed());
            }
            String papers = c.papers().stream().map(p -> String.format("%02d", p)).reduce((a, b) -> a + "," + b).orElse("-");
            System.out.printf(row, c.name(), c.kind().label(), c.family(), papers, ps);
        }
        return 0;
    }
}
