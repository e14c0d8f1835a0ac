package dev.losslab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No main class of any module calls DJL's number overloads of mul, div, pow, maximum or minimum
 * (or their reversed forms): on the PyTorch engine they hand autograd a buffer the JVM may free
 * before backward. Code uses {@code dev.losslab.core.Scalars} instead. Checked on the compiled
 * classes by reading each class file's constant pool for method references.
 */
class NumberOverloadsTest {
    private static final Set<String> OWNERS = Set.of("ai/djl/ndarray/NDArray", "ai/djl/ndarray/NDArrays", "ai/djl/pytorch/engine/PtNDArray");
    private static final Set<String> UNSAFE = Set.of("mul", "div", "pow", "maximum", "minimum", "rdiv", "rpow");

    @Test
    void mainClassesAvoidTheUnsafeNumberOverloads() throws IOException {
        List<String> found = new ArrayList<>();
        int classes = 0;
        for (String module : List.of("core", "train", "lab", "cli")) {
            Path dir = Path.of("..", module, "target", "classes").normalize();
            assertTrue(Files.isDirectory(dir), dir + " is missing: build the module first");
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".class"))::iterator) {
                    classes++;
                    try (InputStream in = Files.newInputStream(f)) {
                        for (String ref : methodReferences(new DataInputStream(in))) {
                            String[] parts = ref.split(" ");
                            if (OWNERS.contains(parts[0]) && UNSAFE.contains(parts[1]) && parts[2].contains("Ljava/lang/Number;")) {
                                found.add(dir.relativize(f) + " calls " + parts[0] + "." + parts[1] + parts[2]);
                            }
                        }
                    }
                }
            }
        }
        assertTrue(classes > 100, "scanned only " + classes + " classes");
        assertEquals(List.of(), found, "use dev.losslab.core.Scalars instead");
    }

    /** "owner name descriptor" of every method reference in a class file's constant pool. */
    static List<String> methodReferences(DataInputStream in) throws IOException {
        in.readInt();
        in.readUnsignedShort();
        in.readUnsignedShort();
        int count = in.readUnsignedShort();
        String[] utf8 = new String[count];
        int[] first = new int[count];
        int[] second = new int[count];
        int[] tag = new int[count];
        for (int i = 1; i < count; i++) {
            tag[i] = in.readUnsignedByte();
            switch (tag[i]) {
                case 1 -> utf8[i] = in.readUTF();
                case 7, 8, 16, 19, 20 -> first[i] = in.readUnsignedShort();
                case 3, 4 -> in.readInt();
                case 5, 6 -> {
                    in.readLong();
                    i++;
                }
                case 9, 10, 11, 12, 17, 18 -> {
                    first[i] = in.readUnsignedShort();
                    second[i] = in.readUnsignedShort();
                }
                case 15 -> {
                    in.readUnsignedByte();
                    in.readUnsignedShort();
                }
                default -> throw new IOException("unknown constant-pool tag " + tag[i]);
            }
        }
        List<String> refs = new ArrayList<>();
        for (int i = 1; i < count; i++) {
            if (tag[i] == 10 || tag[i] == 11) {
                int nameAndType = second[i];
                refs.add(utf8[first[first[i]]] + " " + utf8[first[nameAndType]] + " " + utf8[second[nameAndType]]);
            }
        }
        return refs;
    }
}
