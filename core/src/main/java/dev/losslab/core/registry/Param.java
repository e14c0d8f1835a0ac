package dev.losslab.core.registry;

import dev.losslab.core.InvalidArgumentException;
import java.util.List;
import java.util.Locale;

/**
 * A typed hyperparameter with a default and the values it allows. Names are the spec's names.
 *
 * @param name the parameter name, e.g. {@code tau}
 * @param type REAL, INT, BOOL or CHOICE
 * @param defaultValue the default (Double, Integer, Boolean or String)
 * @param range allowed values for REAL and INT
 * @param choices allowed values for CHOICE
 * @param description one line for {@code losslab list}
 */
public record Param(String name, Type type, Object defaultValue, Range range, List<String> choices, String description) {

    /** The value kinds a parameter can hold. */
    public enum Type {
        REAL,
        INT,
        BOOL,
        CHOICE
    }

    public static Param real(String name, double def, Range range, String description) {
        return new Param(name, Type.REAL, def, range, List.of(), description);
    }

    public static Param integer(String name, int def, Range range, String description) {
        return new Param(name, Type.INT, def, range, List.of(), description);
    }

    public static Param bool(String name, boolean def, String description) {
        return new Param(name, Type.BOOL, def, Range.ANY, List.of(), description);
    }

    public static Param choice(String name, String def, List<String> choices, String description) {
        return new Param(name, Type.CHOICE, def, Range.ANY, List.copyOf(choices), description);
    }

    /** Parses and validates a raw string value; throws naming this parameter. */
    public Object parse(String raw) {
        String v = raw.trim();
        switch (type) {
            case REAL:
                return check(parseDouble(v));
            case INT:
                try {
                    int i = Integer.parseInt(v);
                    check(i);
                    return i;
                } catch (NumberFormatException e) {
                    throw new InvalidArgumentException(name, "expected an integer, got '" + raw + "'");
                }
            case BOOL:
                if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")) {
                    return Boolean.parseBoolean(v);
                }
                throw new InvalidArgumentException(name, "expected true or false, got '" + raw + "'");
            default:
                String c = v.toLowerCase(Locale.ROOT);
                if (!choices.contains(c)) {
                    throw new InvalidArgumentException(name, "expected one of " + choices + ", got '" + raw + "'");
                }
                return c;
        }
    }

    /** Validates a value given from Java; returns it in canonical form. */
    public Object validate(Object value) {
        if (value instanceof String s) {
            return parse(s);
        }
        if (type == Type.REAL && value instanceof Number n) {
            return check(n.doubleValue());
        }
        if (type == Type.INT && value instanceof Number n && n.doubleValue() == n.intValue()) {
            check(n.intValue());
            return n.intValue();
        }
        if (type == Type.BOOL && value instanceof Boolean) {
            return value;
        }
        String expected = switch (type) {
            case REAL -> "a number";
            case INT -> "an integer";
            case BOOL -> "true or false";
            default -> "one of " + choices;
        };
        throw new InvalidArgumentException(name, "expected " + expected + ", got " + value);
    }

    private double parseDouble(String v) {
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new InvalidArgumentException(name, "expected a number, got '" + v + "'");
        }
    }

    private double check(double v) {
        if (!range.contains(v)) {
            throw new InvalidArgumentException(name, "value " + v + " outside the allowed range " + range);
        }
        return v;
    }

    /** The allowed values, as shown to users. */
    public String allowed() {
        return type == Type.CHOICE ? String.join("|", choices) : type == Type.BOOL ? "true|false" : range.toString();
    }
}
