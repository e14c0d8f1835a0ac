package dev.losslab.lab.repro;

import dev.losslab.lab.data.DataFormat;
import dev.losslab.lab.data.DataLoaders;
import dev.losslab.lab.data.DataResolver;
import dev.losslab.lab.data.Dataset;
import dev.losslab.lab.data.Synthetic;
import dev.losslab.train.TabularData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * sklearn digits (1797 × 64, pixels 0–16 scaled by 1/16), or, when the file is absent, a
 * synthetic stand-in of the same size ({@link StandIn}).
 */
public final class DigitsSource {
    public static final String PATH = "sklearn/digits.csv.gz";
    /**
     * A synthetic stand-in for digits: 1797 samples of a 10-class Gaussian mixture in 64
     * dimensions (class means ~ N(0, separation²·I), unit noise), features multiplied by scale.
     * Each reproduction calibrates its own, so that the claim's mechanism is present on it.
     */
    public record StandIn(double separation, float scale) {
        /** Well-separated classes (clean accuracy ≈ 0.99), used by reproductions 09 and 16. */
        public static final StandIn SEPARATED = new StandIn(0.6, 1f);
    }

    private static TabularData scaled(TabularData d, float factor) {
        float[][] x = new float[d.size()][];
        for (int i = 0; i < x.length; i++) {
            x[i] = d.x()[i].clone();
            for (int j = 0; j < x[i].length; j++) {
                x[i][j] *= factor;
            }
        }
        return new TabularData(x, d.y(), d.numClasses());
    }

    public static Dataset load(DataResolver resolver, StandIn standIn) {
        Optional<Path> file = resolver.find(PATH);
        if (file.isEmpty()) {
            Dataset g = Synthetic.gaussianMixture(1797, 64, 10, standIn.separation(), 2023);
            return standIn.scale() == 1f ? g
                    : new Dataset(g.name(), scaled(g.data(), standIn.scale()), g.classNames(), g.source() + ", features ×" + standIn.scale());
        }
        try {
            Dataset d = DataLoaders.load(file.get(), DataFormat.CSV, null);
            return new Dataset("digits", scaled(d.data(), 1 / 16f), d.classNames(), d.source());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
