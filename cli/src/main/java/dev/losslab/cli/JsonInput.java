package dev.losslab.cli;

import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.MalformedJsonException;
import dev.losslab.core.InvalidArgumentException;
import java.io.EOFException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a {@code losslab loss} input, a JSON object of named (nested, rectangular) number arrays,
 * as a stream straight into primitive arrays: memory stays near 8 bytes per number whatever the
 * file's size. Every problem is an {@link InvalidArgumentException} naming the array (or
 * {@code input}) in plain words: strings where numbers belong, ragged rows, duplicate keys,
 * numbers outside float64, malformed or truncated JSON.
 */
final class JsonInput {
    private static final Pattern WHERE = Pattern.compile("(.*?) at line (\\d+) column (\\d+)");
    private static final Pattern PATH = Pattern.compile("path \\$\\.([A-Za-z0-9_]+)");
    private static final int MAX_DEPTH = 32;

    /** A row-major array and its shape ([] for a scalar). */
    record RawArray(double[] values, long[] shape) {}

    private final JsonReader json;
    private double[] values;
    private int size;
    private long[] lengths;
    private int leafDepth;

    private JsonInput(Reader reader) {
        this.json = new JsonReader(reader);
    }

    /** The named arrays of the input, in file order. */
    static Map<String, RawArray> read(Reader reader) {
        try {
            return new JsonInput(reader).object();
        } catch (MalformedJsonException | EOFException e) {
            throw new InvalidArgumentException(arrayAt(e.getMessage()), "invalid JSON" + where(e.getMessage()));
        } catch (CharacterCodingException e) {
            throw new InvalidArgumentException("input", "not UTF-8 text");
        } catch (IOException e) {
            throw new InvalidArgumentException("input", "cannot be read (" + e.getClass().getSimpleName().replace("Exception", "").toLowerCase(java.util.Locale.ROOT) + ")");
        } catch (IllegalStateException e) {
            throw new InvalidArgumentException("input", "invalid JSON" + where(e.getMessage()));
        }
    }

    private Map<String, RawArray> object() throws IOException {
        if (json.peek() != JsonToken.BEGIN_OBJECT) {
            throw new InvalidArgumentException("input", "expected a JSON object of named arrays, e.g. {\"logits\": [[...]], \"labels\": [...]}");
        }
        json.beginObject();
        Map<String, RawArray> out = new LinkedHashMap<>();
        while (json.hasNext()) {
            String name = json.nextName();
            if (out.containsKey(name)) {
                throw new InvalidArgumentException(name, "given twice in the input");
            }
            out.put(name, array(name));
        }
        json.endObject();
        if (json.peek() != JsonToken.END_DOCUMENT) {
            throw new InvalidArgumentException("input", "unexpected content after the JSON object");
        }
        return out;
    }

    private RawArray array(String name) throws IOException {
        values = new double[16];
        size = 0;
        lengths = new long[MAX_DEPTH];
        Arrays.fill(lengths, -1);
        leafDepth = -1;
        if (json.peek() == JsonToken.NUMBER) {
            number(name);
            return new RawArray(Arrays.copyOf(values, 1), new long[0]);
        }
        if (json.peek() != JsonToken.BEGIN_ARRAY) {
            throw new InvalidArgumentException(name, "expected a number or an array of numbers, got " + describe(json.peek()));
        }
        nested(name, 0);
        int dims = leafDepth < 0 ? 1 : leafDepth;
        long[] shape = new long[dims];
        for (int d = 0; d < dims; d++) {
            shape[d] = lengths[d];
        }
        return new RawArray(Arrays.copyOf(values, size), shape);
    }

    private void nested(String name, int depth) throws IOException {
        if (depth >= MAX_DEPTH) {
            throw new InvalidArgumentException(name, "nested deeper than " + MAX_DEPTH + " levels");
        }
        json.beginArray();
        long count = 0;
        while (json.hasNext()) {
            JsonToken t = json.peek();
            if (t == JsonToken.BEGIN_ARRAY) {
                if (leafDepth >= 0 && depth + 1 > leafDepth) {
                    throw ragged(name, depth);
                }
                nested(name, depth + 1);
            } else if (t == JsonToken.NUMBER) {
                if (leafDepth < 0) {
                    leafDepth = depth + 1;
                } else if (leafDepth != depth + 1) {
                    throw ragged(name, depth);
                }
                number(name);
            } else {
                throw new InvalidArgumentException(name, "expected numbers, got " + describe(t));
            }
            count++;
        }
        json.endArray();
        if (lengths[depth] < 0) {
            lengths[depth] = count;
        } else if (lengths[depth] != count) {
            throw new InvalidArgumentException(name, "ragged array: rows at depth " + depth + " have " + lengths[depth] + " and " + count + " entries");
        }
    }

    private void number(String name) throws IOException {
        String raw = json.nextString();
        double v;
        try {
            v = Double.parseDouble(raw);
        } catch (NumberFormatException e) {
            throw new InvalidArgumentException(name, "not a number: " + raw);
        }
        if (!Double.isFinite(v)) {
            throw new InvalidArgumentException(name, raw + " is outside the float64 range");
        }
        if (size == values.length) {
            values = Arrays.copyOf(values, values.length * 2);
        }
        values[size++] = v;
    }

    private static InvalidArgumentException ragged(String name, int depth) {
        return new InvalidArgumentException(name, "ragged array: numbers and arrays mixed at depth " + depth);
    }

    private static String describe(JsonToken t) {
        return switch (t) {
            case STRING -> "a string (write numbers without quotes)";
            case BOOLEAN -> "true/false";
            case NULL -> "null";
            case BEGIN_OBJECT -> "an object";
            default -> t.name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    /** The top-level key the parser was in ("path $.logits[0]"), else {@code input}. */
    private static String arrayAt(String message) {
        Matcher m = PATH.matcher(message == null ? "" : message);
        return m.find() ? m.group(1) : "input";
    }

    /** " at line L, column C (reason)" from a Gson message, without its class names and hints. */
    private static String where(String message) {
        Matcher m = WHERE.matcher(message == null ? "" : message);
        if (!m.find()) {
            return "";
        }
        String reason = m.group(1).contains("JsonReader") ? "malformed JSON" : m.group(1).toLowerCase(java.util.Locale.ROOT);
        return " at line " + m.group(2) + ", column " + m.group(3) + " (" + reason + ")";
    }
}
