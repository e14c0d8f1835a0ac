package dev.losslab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.losslab.core.InputNames;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Input names are written once, in {@link InputNames}: no main source of any module spells one as
 * a bare string literal in code (comments and test sources may, to show the contract from outside).
 */
class InputVocabularyTest {

    @Test
    void noBareInputNamesInMainSources() throws Exception {
        Set<String> vocabulary = new TreeSet<>();
        for (Field f : InputNames.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
                vocabulary.add((String) f.get(null));
            }
        }
        Pattern literal = Pattern.compile("\"([a-z_]+)\"");
        List<String> found = new ArrayList<>();
        for (String module : List.of("core", "train", "lab", "cli", "bench")) {
            try (Stream<Path> files = Files.walk(Path.of("..", module, "src", "main", "java"))) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java") && !p.endsWith("InputNames.java")).toList()) {
                    List<String> lines = Files.readAllLines(f);
                    for (int i = 0; i < lines.size(); i++) {
                        String t = lines.get(i).strip();
                        if (t.startsWith("*") || t.startsWith("/*") || t.startsWith("//")) {
                            continue;
                        }
                        Matcher m = literal.matcher(lines.get(i));
                        while (m.find()) {
                            if (vocabulary.contains(m.group(1))) {
                                found.add(f.getFileName() + ":" + (i + 1) + " \"" + m.group(1) + "\"");
                            }
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), found, "bare input names (use InputNames)");
    }
}
