package dev.losslab.core.registry;

import dev.losslab.core.InvalidArgumentException;
import java.util.List;
import java.util.Locale;

/**
 * A typed hyperparameter with a default and the values it allows. Names are the spec's names.
 *
 * @param name the parameter name, e.g. {@code tau}
 * @param type REAL, INT, INTS, REALS, BOOL, CHOICE or CHOICES
 * @param defaultValue the default (Double, Integer, List of Integer, List of Double, Boolean, String or List of String)
 * @param range allowed values for REAL and INT, and for each entry of INTS and REALS
 * @param choices allowed values for CHOICE and for each entry of CHOICES
 * @param description one line for {@code losslab list}
 */
public record Param(String name, Type type, Object defaultValue, Range range, List<String> choices, String description) {

    /** The value kinds a parameter can hold. */
    public enum Type {
        REAL,
        INT,
        /** A list of integers, written comma-separated (e.g. schedule milestones {@code 50,75}). */
        INTS,
        /** A list of numbers, written comma-separated (e.g. mixture weights {@code 0.8,0.2,1}). */
        REALS,
        BOOL,
        CHOICE,
        /** A non-empty list of choices, written comma-separated (e.g. {@code dpo,bco-pair,sft}). */
        CHOICES
    }

    public static Param real(String name, double def, Range range, String description) {
        return new Param(name, Type.REAL, def, range, List.of(), description);
    }

    public static Param integer(String name, int def, Range range, String description) {
        return new Param(name, Type.INT, def, range, List.of(), description);
    }

    public static Param integers(String name, List<Integer> def, Range range, String description) {
        return new Param(name, Type.INTS, List.copyOf(def), range, List.of(), description);
    }

    public static Param reals(String name, List<Double> def, Range range, String description) {
        return new Param(name, Type.REALS, List.copyOf(def), range, List.of(), description);
    }

    public static Param choices(String name, List<String> def, List<String> choices, String description) {
        return new Param(name, Type.CHOICES, List.copyOf(def), Range.ANY, List.copyOf(choices), description);
    }

    public static Param bool(String name, boolean def, String description) {
        return new Param(name, Type.BOOL, def, Range.ANY, List.of(), description);
    }

    public static Param choice(String name, String def, List<String> choices, String description) {
        return new Param(name, Type.CHOICE, def, Range.ANY, List.copyOf(choices), description);
    }

    /** The default of a REAL parameter. */
    public double defaultReal() {
        return ((Number) defaultValue).doubleValue();
    }

    /** The default of an INT parameter. */
    public int defaultInt() {
        return ((Number) defaultValue).intValue();
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
            case INTS:
                List<Integer> list = new java.util.ArrayList<>();
                for (String part : v.isEmpty() ? new String[0] : v.split(",")) {
                    try {
                        list.add(check(Integer.parseInt(part.trim())));
                    } catch (NumberFormatException e) {
                        throw new InvalidArgumentException(name, "expected comma-separated integers, got '" + raw + "'");
                    }
                }
                return List.copyOf(list);
            case REALS:
                List<Double> reals = new java.util.ArrayList<>();
                for (String part : v.isEmpty() ? new String[0] : v.split(",")) {
                    reals.add(check(parseDouble(part.trim())));
                }
                return List.copyOf(reals);
            case CHOICES:
                List<String> names = new java.util.ArrayList<>();
                for (String part : v.split(",")) {
                    names.add(choice(part));
                }
                return List.copyOf(names);
            case BOOL:
                if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")) {
                    return Boolean.parseBoolean(v);
                }
                throw new InvalidArgumentException(name, "expected true or false, got '" + raw + "'");
            default:
                return choice(v);
        }
    }

    private String choice(String raw) {
        String c = raw.trim().toLowerCase(Locale.ROOT);
        if (!choices.contains(c)) {
            throw new InvalidArgumentException(name, "expected one of " + choices + ", got '" + raw.trim() + "'");
        }
        return c;
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
        if ((type == Type.INTS || type == Type.REALS || type == Type.CHOICES) && value instanceof List<?> list) {
            return parse(list.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(",")));
        }
        if (type == Type.INTS && value instanceof int[] array) {
            return parse(java.util.Arrays.stream(array).mapToObj(String::valueOf).collect(java.util.stream.Collectors.joining(",")));
        }
        if (type == Type.BOOL && value instanceof Boolean) {
            return value;
        }
        String expected = switch (type) {
            case REAL -> "a number";
            case INT -> "an integer";
            case INTS -> "a list of integers";
            case REALS -> "a list of numbers";
            case CHOICES -> "a list of " + choices;
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

    /**
     * Checks a value given to a constructor against this declaration's range, so a range is
     * written once and holds for Java callers and the registry alike.
     *
     * @return {@code v}
     * @throws InvalidArgumentException naming this parameter when {@code v} is outside the range
     */
    public double check(double v) {
        if (!range.contains(v)) {
            throw new InvalidArgumentException(name, "value " + v + " outside the allowed range " + range);
        }
        return v;
    }

    /** {@link #check(double)} for an integer parameter. */
    public int check(int v) {
        check((double) v);
        return v;
    }

    /** The allowed values, as shown to users. */
    public String allowed() {
        return switch (type) {
            case CHOICE -> String.join("|", choices);
            case BOOL -> "true|false";
            case INTS -> "integers in " + range + ", comma-separated";
            case REALS -> "numbers in " + range + ", comma-separated";
            case CHOICES -> "comma-separated: " + String.join("|", choices);
            default -> range.toString();
        };
    }

    /** The default as a user would type it ({@code 50,75} for a list). */
    public String defaultText() {
        return defaultValue instanceof List<?> list
                ? list.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(","))
                : String.valueOf(defaultValue);
    }
}
