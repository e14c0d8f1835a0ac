package dev.losslab.cli;

import dev.losslab.core.InvalidArgumentException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Repeated {@code --param k=v} options as a map; a key given twice or a value without '=' is an error. */
final class ParamArgs {
    private ParamArgs() {}

    static Map<String, String> parse(List<String> args, String option) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String a : args) {
            int eq = a.indexOf('=');
            if (eq <= 0) {
                throw new InvalidArgumentException(option, "expected k=v, got '" + a + "'");
            }
            String key = a.substring(0, eq).trim();
            if (out.put(key, a.substring(eq + 1)) != null) {
                throw new InvalidArgumentException(option, "'" + key + "' is given twice");
            }
        }
        return out;
    }
}
