package dev.losslab.lab.repro;

import dev.losslab.lab.data.DataLoaders;
import dev.losslab.lab.data.DataResolver;
import dev.losslab.lab.data.Dataset;
import dev.losslab.lab.data.DataFormat;
import dev.losslab.lab.data.Synthetic;
import dev.losslab.train.TabularData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * sklearn digits (1797 × 64, pixels 0–16 scaled by 1/16), or, when the file is absent, its
 * synthetic stand-in: a 10-class Gaussian mixture of the same size in 64 dimensions.
 */
public final class DigitsSource {
    public static final String PATH = "sklearn/digits.csv.gz";
    /** Mixture separation chosen so a small MLP reaches digits-like clean accuracy (about 0.95). */
    static final double STAND_IN_SEPARATION = 0.6;

    private DigitsSource() {}

    public static Dataset load(DataResolver resolver) {
        Optional<Path> file = resolver.find(PATH);
        if (file.isEmpty()) {
            return Synthetic.gaussianMixture(1797, 64, 10, STAND_IN_SEPARATION, 2023);
        }
        try {
            Dataset d = DataLoaders.load(file.get(), DataFormat.CSV, null);
            float[][] x = new float[d.data().size()][];
            for (int i = 0; i < x.length; i++) {
                x[i] = d.data().x()[i].clone();
                for (int j = 0; j < x[i].length; j++) {
                    x[i][j] /= 16f;
                }
            }
            return new Dataset("digits", new TabularData(x, d.data().y(), d.data().numClasses()), d.classNames(), d.source());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
