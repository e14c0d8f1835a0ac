package dev.losslab.lab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.losslab.lab.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loaders on the real files of ../shared/datasets (counts from its README) and on small temp files. */
class LoadersTest {

    @Test
    void csvWithHeaderAndCrlf() throws IOException {
        Dataset d = DataLoaders.load(SharedData.root().resolve("tabular/BankNote_Authentication.csv"), null, "class");
        assertEquals(1372, d.data().size());
        assertEquals(4, d.data().dim());
        assertArrayEquals(new int[] {762, 610}, d.data().classCounts());
    }

    @Test
    void gzipCsvWithoutHeader() throws IOException {
        Dataset d = DataLoaders.load(SharedData.root().resolve("sklearn/digits.csv.gz"), null, null);
        assertEquals(1797, d.data().size());
        assertEquals(64, d.data().dim());
        assertArrayEquals(new int[] {178, 182, 177, 183, 181, 182, 181, 179, 174, 180}, d.data().classCounts());
    }

    @Test
    void gzipTsvWithHeader() throws IOException {
        Dataset d = DataLoaders.load(SharedData.root().resolve("tabular/ionosphere.tsv.gz"), null, "target");
        assertEquals(351, d.data().size());
        assertEquals(34, d.data().dim());
        assertArrayEquals(new int[] {126, 225}, d.data().classCounts());
    }

    @Test
    void idxImagesAndLabels() throws IOException {
        Dataset d = DataLoaders.load(SharedData.root().resolve("mnist/t10k-images-idx3-ubyte.gz"), null, null);
        assertEquals(10000, d.data().size());
        assertEquals(784, d.data().dim());
        assertArrayEquals(new int[] {980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009}, d.data().classCounts());
    }

    @Test
    void arffWithNominalAttributes() throws IOException {
        Dataset arff = DataLoaders.load(SharedData.root().resolve("tabular/dataset_31_credit-g.arff"), null, "class");
        assertEquals(1000, arff.data().size());
        assertEquals(List.of("good", "bad"), arff.classNames());
        assertArrayEquals(new int[] {700, 300}, arff.data().classCounts());
        Dataset csv = DataLoaders.load(SharedData.root().resolve("tabular/credit_german.csv"), null, "class");
        assertEquals(1000, csv.data().size());
        assertEquals(300, csv.data().classCounts()[0]);
    }

    @Test
    void libsvmIsDensifiedWithOneBasedIndices(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("toy.libsvm");
        Files.writeString(f, "+1 1:0.5 3:2\n-1 2:1.5 # comment\n\n1 3:-1\n");
        Dataset d = DataLoaders.load(f, null, null);
        assertEquals(3, d.data().dim());
        assertArrayEquals(new float[] {0.5f, 0, 2}, d.data().x()[0]);
        assertArrayEquals(new float[] {0, 1.5f, 0}, d.data().x()[1]);
        assertEquals(List.of("-1", "1"), d.classNames());
        assertArrayEquals(new int[] {1, 0, 1}, d.data().y());
        Files.writeString(f, "1 0:1\n");
        assertThrows(IOException.class, () -> DataLoaders.load(f, null, null));
    }

    @Test
    void csvErrorsNameTheProblem(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("bad.csv");
        Files.writeString(f, "a,b,y\n1,2,0\n3,4\n");
        IOException e = assertThrows(IOException.class, () -> DataLoaders.load(f, null, "y"));
        assertEquals(true, e.getMessage().contains("row 2"), e.getMessage());
        Files.writeString(f, "a,b,y\n1,2,0\n");
        assertEquals(true, assertThrows(IOException.class, () -> DataLoaders.load(f, null, "label")).getMessage().contains("label"));
    }
}
