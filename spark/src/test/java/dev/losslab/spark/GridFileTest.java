package dev.losslab.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.losslab.core.InvalidArgumentException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A grid expands to the product of its lists, in a fixed order with distinct ids; every mistake is refused naming its line. */
class GridFileTest {
    static final String GRID = """
            {
              "data": ["synthetic:gaussian:60,3,3"],
              "losses": [
                {"name": "cross-entropy"},
                {"name": "gce", "params": {"q": [0.3, 0.7]}}
              ],
              "optimizers": [{"name": "sgd", "params": {"momentum": [0, 0.9]}}],
              "lr": [0.1, 0.01],
              "noise": ["none", "pairflip:0.2"],
              "seeds": [0, 1],
              "folds": 3,
              "epochs": 2
            }
            """;

    @Test
    void expandsToTheProductOfItsLists() {
        List<GridPoint> points = GridFile.parse(GRID, Path.of("."));
        assertEquals(3 * 2 * 2 * 2 * 2 * 3, points.size());
        Set<String> ids = new HashSet<>();
        points.forEach(p -> ids.add(p.id()));
        assertEquals(points.size(), ids.size(), "ids are distinct");
        GridPoint first = points.get(0);
        assertEquals("cross-entropy", first.loss());
        assertEquals(0, first.fold());
        assertEquals(1, points.get(1).fold());
        assertEquals(first.id(), GridFile.parse(GRID, Path.of(".")).get(0).id(), "ids are stable");
        assertEquals("0.7", points.get(points.size() - 1).lossParams().get("q"));
        assertEquals(2, first.epochs());
        assertEquals(64, first.batch());
    }

    @Test
    void refusesMistakesNamingTheLine(@TempDir Path dir) throws Exception {
        String[][] cases = {
            {"\"epochs\": 2", "\"epoch\": 2", "line 12: unknown key 'epoch'"},
            {"{\"name\": \"gce\"", "{\"name\": \"gcee\"", "line 5: loss 'gcee'"},
            {"\"q\": [0.3, 0.7]", "\"qq\": [0.3]", "line 5: loss 'gce'"},
            {"\"q\": [0.3, 0.7]", "\"q\": [3]", "line 5: loss 'gce'"},
            {"{\"name\": \"sgd\"", "{\"name\": \"sgdd\"", "line 7: optimizer 'sgdd'"},
            {"\"lr\": [0.1, 0.01]", "\"lr\": [0.1, -1]", "line 8: learning rates"},
            {"\"pairflip:0.2\"", "\"flip:0.2\"", "line 9: noise"},
            {"\"lr\": [0.1, 0.01],", "\"lr\": [0.1, 0.01], \"schedules\": [{\"name\": \"step-decay\", \"params\": {\"milestones\": [\"x\"]}}],",
                "line 8: schedule 'step-decay'"},
            {"\"seeds\": [0, 1]", "\"seeds\": []", "line 10: 'seeds' is empty"},
            {"\"synthetic:gaussian:60,3,3\"", "\"missing.csv\"", "line 2: data file"},
            {"\"synthetic:gaussian:60,3,3\"", "\"synthetic:gaussian:60,3\"", "line 2: data"},
            {"\"folds\": 3", "\"folds\": 0", "line 11: 'folds' must be an integer ≥ 1"}};
        for (String[] c : cases) {
            assertTrue(GRID.contains(c[0]), c[0]);
            InvalidArgumentException e = assertThrows(InvalidArgumentException.class, () -> GridFile.parse(GRID.replace(c[0], c[1]), dir), c[1]);
            assertTrue(e.getMessage().startsWith("grid: " + c[2]), c[1] + " → " + e.getMessage());
        }
        assertTrue(assertThrows(InvalidArgumentException.class, () -> GridFile.parse("[1]", dir)).getMessage().startsWith("grid: line 1"));
        assertTrue(assertThrows(InvalidArgumentException.class, () -> GridFile.read(dir.resolve("none.json"))).getMessage().startsWith("grid: "));
        assertTrue(assertThrows(InvalidArgumentException.class, () -> GridFile.parse("{\"data\": [\"synthetic:gaussian:60,3,3\"]}", dir)).getMessage()
                .contains("'losses' is required"));
    }

    @Test
    void resolvesDataFilesAgainstTheGridsFolder(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("toy.csv"), "a,b,y\n0,1,0\n1,0,1\n0.5,0.2,0\n0.1,0.9,1\n0.3,0.3,0\n0.8,0.7,1\n");
        Path grid = Files.writeString(dir.resolve("grid.json"), "{\"data\": [{\"path\": \"toy.csv\", \"label\": \"y\"}], \"losses\": [{\"name\": \"mae\"}]}");
        List<GridPoint> points = GridFile.read(grid);
        assertEquals(1, points.size());
        assertEquals(dir.resolve("toy.csv").toAbsolutePath().normalize().toString(), points.get(0).data());
        assertEquals("y", points.get(0).label());
    }
}
