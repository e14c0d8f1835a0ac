package dev.losslab.lab.data;

import dev.losslab.train.TabularData;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * IDX files (the MNIST format, optionally gzip): an images file (magic 2051, uint8 pixels scaled
 * to [0, 1]) and its labels file (magic 2049). Given either file, the other is found by swapping
 * {@code images-idx3} and {@code labels-idx1} in the name.
 */
public final class IdxLoader {
    private IdxLoader() {}

    public static Dataset load(Path file) throws IOException {
        String name = file.getFileName().toString();
        Path images = name.contains("labels-idx1") ? file.resolveSibling(name.replace("labels-idx1", "images-idx3")) : file;
        Path labels = images.resolveSibling(images.getFileName().toString().replace("images-idx3", "labels-idx1"));
        if (!Files.exists(labels)) {
            throw new IOException("labels file not found next to " + images + " (expected " + labels.getFileName() + ")");
        }
        float[][] x = readImages(images);
        int[] y = readLabels(labels);
        if (x.length != y.length) {
            throw new IOException(images + " has " + x.length + " images but " + labels + " has " + y.length + " labels");
        }
        int classes = 0;
        for (int v : y) {
            classes = Math.max(classes, v + 1);
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i < classes; i++) {
            names.add(Integer.toString(i));
        }
        return new Dataset(name, new TabularData(x, y, classes), names, images.toString());
    }

    static float[][] readImages(Path file) throws IOException {
        try (DataInputStream in = new DataInputStream(DataFiles.open(file))) {
            int magic = in.readInt();
            if (magic != 2051) {
                throw new IOException(file + ": not an IDX3 image file (magic " + magic + ", expected 2051)");
            }
            int n = in.readInt();
            int pixels = in.readInt() * in.readInt();
            byte[] buf = new byte[pixels];
            float[][] x = new float[n][pixels];
            for (int i = 0; i < n; i++) {
                in.readFully(buf);
                for (int j = 0; j < pixels; j++) {
                    x[i][j] = (buf[j] & 0xff) / 255f;
                }
            }
            return x;
        }
    }

    static int[] readLabels(Path file) throws IOException {
        try (DataInputStream in = new DataInputStream(DataFiles.open(file))) {
            int magic = in.readInt();
            if (magic != 2049) {
                throw new IOException(file + ": not an IDX1 label file (magic " + magic + ", expected 2049)");
            }
            int n = in.readInt();
            int[] y = new int[n];
            for (int i = 0; i < n; i++) {
                y[i] = in.readUnsignedByte();
            }
            return y;
        }
    }
}
