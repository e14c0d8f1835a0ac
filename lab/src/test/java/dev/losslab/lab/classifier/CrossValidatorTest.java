package dev.losslab.lab.classifier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Folds as sklearn's KFold cuts them: contiguous in the permutation, the first n mod K one larger, together every row once. */
class CrossValidatorTest {
    @Test
    void foldsAreContiguousAndCoverEveryRowOnce() {
        int[] perm = {7, 2, 9, 0, 4, 1, 8, 3, 6, 5};
        assertArrayEquals(new int[] {7, 2, 9, 0}, CrossValidator.foldRows(perm, 3, 0)[1]);
        assertArrayEquals(new int[] {4, 1, 8}, CrossValidator.foldRows(perm, 3, 1)[1]);
        assertArrayEquals(new int[] {3, 6, 5}, CrossValidator.foldRows(perm, 3, 2)[1]);
        assertArrayEquals(new int[] {7, 2, 9, 0, 3, 6, 5}, CrossValidator.foldRows(perm, 3, 1)[0]);
        int[] all = IntStream.range(0, 3).flatMap(f -> Arrays.stream(CrossValidator.foldRows(perm, 3, f)[1])).sorted().toArray();
        assertArrayEquals(IntStream.range(0, 10).toArray(), all);
        assertThrows(IllegalArgumentException.class, () -> CrossValidator.foldRows(perm, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> CrossValidator.foldRows(perm, 3, 3));
    }

    /** scores() hands each evaluation the rows of its fold: here the score is the held-out part's label sum. */
    @Test
    void scoresEvaluateEachFoldOnItsRows() {
        double[][] x = new double[6][1];
        int[] y = {1, 2, 3, 4, 5, 6};
        double[] s = CrossValidator.scores(x, y, new int[] {5, 4, 3, 2, 1, 0}, 2, (tx, ty, vx, vy) -> Arrays.stream(vy).sum() * 100 + ty.length);
        assertArrayEquals(new double[] {1503, 603}, s);
        assertEquals(1053, CrossValidator.mean(x, y, new int[] {5, 4, 3, 2, 1, 0}, 2, (tx, ty, vx, vy) -> Arrays.stream(vy).sum() * 100 + ty.length));
    }
}
