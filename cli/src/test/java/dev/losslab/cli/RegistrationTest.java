package dev.losslab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.losslab.core.registry.Component;
import dev.losslab.core.registry.Declarations;
import dev.losslab.core.registry.Kind;
import dev.losslab.core.registry.Registry;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every component is declared beside its class and found by the compile-time index: each
 * {@code @Registered} field of the sources is indexed, each name is unique, and each declaring
 * class documents its formula and cites the component's papers; each loss has a golden example
 * and each other component a test class named after its declaring class.
 */
class RegistrationTest {
    private static final Path ROOT = Path.of("..");
    private static final List<String> MODULES = List.of("core", "train", "lab");
    private static final Pattern REGISTERED_FIELD =
            Pattern.compile("@Registered\\s+public static final Component<[^>]+> (\\w+)");
    /** Mathematical notation a stated formula uses. */
    private static final Pattern FORMULA = Pattern.compile("[=·−Σ√‖]|\\blog\\b|\\bexp\\b|\\bmax\\b");

    /** Index lines, {@code class#FIELD}, of every jar or class folder on the test class path. */
    private static List<String> indexEntries() throws IOException {
        List<String> entries = new ArrayList<>();
        for (URL url : Collections.list(RegistrationTest.class.getClassLoader().getResources(Declarations.index(Component.class)))) {
            try (InputStream in = url.openStream()) {
                new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::trim).filter(l -> !l.isEmpty()).forEach(entries::add);
            }
        }
        return entries;
    }

    /** {@code class#FIELD} for every {@code @Registered} field written in the main sources. */
    private static Set<String> declaredInSources() throws IOException {
        Set<String> declared = new TreeSet<>();
        for (String module : MODULES) {
            Path src = ROOT.resolve(module).resolve("src/main/java");
            if (!Files.isDirectory(src)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(src)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                    String cls = src.relativize(f).toString().replace('/', '.').replaceAll("\\.java$", "");
                    Matcher m = REGISTERED_FIELD.matcher(Files.readString(f));
                    while (m.find()) {
                        declared.add(cls + "#" + m.group(1));
                    }
                }
            }
        }
        return declared;
    }

    @Test
    void everyDeclaredFieldIsIndexedOnceAndNamesAreUnique() throws IOException {
        List<String> entries = indexEntries();
        assertEquals(declaredInSources(), new TreeSet<>(entries), "the compile-time index differs from the @Registered fields of the sources");
        assertEquals(entries.size(), new TreeSet<>(entries).size(), "an index line appears twice");
        assertEquals(entries.size(), Registry.defaults().all().size(), "two declarations share a name");
    }

    @Test
    void everyComponentDocumentsItsFormulaAndPapersAndHasAnExample() throws Exception {
        Map<String, String> problems = new TreeMap<>();
        for (String entry : indexEntries()) {
            String className = entry.substring(0, entry.indexOf('#'));
            Component<?> c = (Component<?>) Class.forName(className).getField(entry.substring(entry.indexOf('#') + 1)).get(null);
            String doc = classJavadoc(className);
            List<String> missing = new ArrayList<>();
            if (doc == null) {
                missing.add("class javadoc");
            } else {
                if (!FORMULA.matcher(doc).find()) {
                    missing.add("a formula in the class javadoc");
                }
                for (int paper : c.papers()) {
                    if (!Pattern.compile("(?i)papers?\\s+(\\d+(, | and ))*0?" + paper + "\\b").matcher(doc).find()) {
                        missing.add("'paper " + String.format("%02d", paper) + "' in the class javadoc");
                    }
                }
            }
            if (c.kind() == Kind.LOSS) {
                if (!Files.isRegularFile(Path.of("src/test/resources/golden", c.name() + ".json"))) {
                    missing.add("golden example cli/src/test/resources/golden/" + c.name() + ".json");
                }
            } else if (testClass(className) == null) {
                missing.add("a test class " + simpleName(className) + "Test");
            }
            if (!missing.isEmpty()) {
                problems.put(c.name(), String.join(", ", missing));
            }
        }
        assertTrue(problems.isEmpty(), "components without " + problems);
    }

    /** The javadoc right before the top-level type declaration of {@code className}, or null. */
    private static String classJavadoc(String className) throws IOException {
        Path source = source(className, "src/main/java");
        if (source == null) {
            return null;
        }
        String text = Files.readString(source);
        Matcher decl = Pattern.compile("(?m)^(public )?(final |abstract )?(class|record|enum|interface) " + simpleName(className) + "\\b").matcher(text);
        if (!decl.find()) {
            return null;
        }
        String before = text.substring(0, decl.start());
        int open = before.lastIndexOf("/**");
        int close = before.lastIndexOf("*/");
        boolean adjacent = open >= 0 && close > open && before.substring(close + 2).replaceAll("@\\w+(\\([^)]*\\))?", "").isBlank();
        return adjacent ? before.substring(open, close).replaceAll("\\n\\s*\\* ?", " ") : null;
    }

    /** A test source named {@code <SimpleName>Test.java} in any module, or null. */
    private static Path testClass(String className) throws IOException {
        String name = simpleName(className) + "Test.java";
        for (String module : List.of("core", "train", "lab", "cli")) {
            Path tests = ROOT.resolve(module).resolve("src/test/java");
            if (Files.isDirectory(tests)) {
                try (Stream<Path> files = Files.walk(tests)) {
                    Path found = files.filter(f -> f.getFileName().toString().equals(name)).findFirst().orElse(null);
                    if (found != null) {
                        return found;
                    }
                }
            }
        }
        return null;
    }

    private static Path source(String className, String folder) {
        String relative = className.replace('.', '/') + ".java";
        for (String module : List.of("core", "train", "lab", "cli")) {
            Path p = ROOT.resolve(module).resolve(folder).resolve(relative);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        return null;
    }

    private static String simpleName(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }
}
