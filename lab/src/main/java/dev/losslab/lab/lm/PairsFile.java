package dev.losslab.lab.lm;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonSyntaxException;
import dev.losslab.core.InvalidArgumentException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Preference pairs in JSON lines, TRL's explicit-prompt preference format: one object per line with
 * string fields {@code prompt}, {@code chosen} and {@code rejected} (blank lines skipped). Errors
 * name the line.
 */
public final class PairsFile {
    private PairsFile() {}

    /** One pair as text. */
    public record TextPair(String prompt, String chosen, String rejected) {}

    public static List<TextPair> read(Path file) throws IOException {
        List<TextPair> pairs = new ArrayList<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            String where = file.getFileName() + " line " + (i + 1);
            JsonObject o;
            try {
                JsonElement e = JsonParser.parseString(line);
                if (!e.isJsonObject()) {
                    throw new InvalidArgumentException("pairs", where + ": expected a JSON object");
                }
                o = e.getAsJsonObject();
            } catch (JsonSyntaxException e) {
                throw new InvalidArgumentException("pairs", where + ": not valid JSON");
            }
            pairs.add(new TextPair(field(o, "prompt", where), field(o, "chosen", where), field(o, "rejected", where)));
        }
        if (pairs.isEmpty()) {
            throw new InvalidArgumentException("pairs", file + " holds no pairs");
        }
        return pairs;
    }

    private static String field(JsonObject o, String name, String where) {
        JsonElement e = o.get(name);
        if (e == null || !e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
            throw new InvalidArgumentException("pairs", where + ": missing string field \"" + name + "\"");
        }
        String s = e.getAsString();
        if (!name.equals("prompt") && s.isEmpty()) {
            throw new InvalidArgumentException("pairs", where + ": \"" + name + "\" is empty");
        }
        return s;
    }

    /** The pairs as character ids of {@code vocab}. */
    public static PreferencePairs encode(List<TextPair> pairs, CharVocabulary vocab) {
        int n = pairs.size();
        int[][] p = new int[n][];
        int[][] c = new int[n][];
        int[][] r = new int[n][];
        for (int i = 0; i < n; i++) {
            p[i] = vocab.encode(pairs.get(i).prompt());
            c[i] = vocab.encode(pairs.get(i).chosen());
            r[i] = vocab.encode(pairs.get(i).rejected());
        }
        return new PreferencePairs(p, c, r);
    }
}
