package dev.losslab.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.losslab.core.InvalidArgumentException;
import dev.losslab.lab.data.DataResolver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Paper 09's official grid: the 15 losses with spec 09's grids, 2 learning rates, 3 noise settings, 3 seeds, 5 folds. */
class OfficialGridsTest {
    static Path shared() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("shared/datasets/sklearn/digits.csv.gz"))) {
                return p.resolve("shared/datasets");
            }
        }
        return null;
    }

    @Test
    void paper09HasTheSpecsGrids() {
        Path root = shared();
        assumeTrue(root != null, "skipped: ../shared/datasets/sklearn/digits.csv.gz not found beside the checkout");
        List<GridPoint> points = OfficialGrids.paper09(new DataResolver(List.of(root)));
        Map<String, Long> perLoss = new TreeMap<>(points.stream().collect(Collectors.groupingBy(GridPoint::loss, Collectors.counting())));
        assertEquals(15, perLoss.size(), perLoss.toString());
        long perSetting = 2 * 3 * 3 * 5;
        assertEquals(perSetting, perLoss.get("cross-entropy"));
        assertEquals(3 * perSetting, perLoss.get("ldr-kl"));
        assertEquals(3 * perSetting, perLoss.get("tgce"));
        assertEquals(39 * perSetting, points.size());
        GridPoint p = points.get(0);
        assertEquals(Map.of("momentum", "0.9", "weight_decay", "0.005"), p.optParams());
        assertEquals("step-decay", p.schedule());
        assertEquals(100, p.epochs());
        assertEquals("mlp:10,10", p.model());
        assertTrue(points.stream().anyMatch(q -> q.noise().equals("pairflip:0.3")) && points.stream().anyMatch(q -> q.noise().equals("symmetric:0.6")));
    }

    @Test
    void withoutDigitsItSaysWhatIsMissing(@TempDir Path empty) {
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class, () -> OfficialGrids.paper09(new DataResolver(List.of(empty))));
        assertTrue(e.getMessage().startsWith("data-dir: ") && e.getMessage().contains("sklearn/digits.csv.gz"), e.getMessage());
    }
}
