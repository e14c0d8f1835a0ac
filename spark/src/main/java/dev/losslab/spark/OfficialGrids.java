package dev.losslab.spark;

import dev.losslab.core.InvalidArgumentException;
import dev.losslab.lab.data.DataResolver;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * Ready grids of papers' official protocols, shipped in this jar ({@code dev/losslab/spark/grids/}),
 * their data paths relative to a data root ({@link DataResolver}).
 */
public final class OfficialGrids {
    /** Paper 09's grid resource: the 15 losses with the official code's grids, SGD with momentum and weight decay, lr ÷10 at epochs 50 and 75, 5-fold CV. */
    public static final String PAPER_09 = "grids/09-official.json";
    static final String PAPER_09_DATA = "sklearn/digits.csv.gz";

    private OfficialGrids() {}

    /** The text of a grid resource. */
    public static String text(String resource) {
        try (InputStream in = OfficialGrids.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Paper 09's official protocol on sklearn digits (spec 09: 60/40 split, three noise settings, seeds
     * 0–2): 15 losses, 39 loss settings × 2 learning rates × 3 noise settings × 3 seeds × 5 folds.
     */
    public static List<GridPoint> paper09(DataResolver data) {
        Path digits = data.find(PAPER_09_DATA).orElseThrow(() -> new InvalidArgumentException("data-dir",
                "paper 09's official protocol needs " + PAPER_09_DATA + " under a data root (searched " + data.roots() + ")"));
        Path root = digits.getParent().getParent();
        return GridFile.parse(text(PAPER_09), root);
    }
}
