package dev.losslab.train;

/**
 * Multi-label metrics (the SemEval-2018 E-c conventions used by paper 14) from binary targets and
 * predictions [N][L]: per-class and micro/macro precision, recall and F1 (0 when undefined),
 * Jaccard accuracy (1/N) Σ_n |Y_n ∩ Ŷ_n|/|Y_n ∪ Ŷ_n| with 0/0 := 1, and Hamming loss.
 *
 * @param perClassPrecision precision of each label
 * @param perClassRecall recall of each label
 * @param perClassF1 F1 of each label
 * @param microPrecision ΣTP/Σ(TP + FP)
 * @param microRecall ΣTP/Σ(TP + FN)
 * @param microF1 harmonic mean of micro precision and recall
 * @param macroPrecision mean of the per-class precision
 * @param macroRecall mean of the per-class recall
 * @param macroF1 mean of the per-class F1
 * @param jaccard Jaccard accuracy
 * @param hamming fraction of wrong entries
 */
public record MultiLabelMetrics(double[] perClassPrecision, double[] perClassRecall, double[] perClassF1, double microPrecision,
        double microRecall, double microF1, double macroPrecision, double macroRecall, double macroF1, double jaccard, double hamming) {

    public static MultiLabelMetrics of(int[][] targets, int[][] predictions) {
        int n = targets.length;
        int l = targets[0].length;
        long[] tp = new long[l];
        long[] fp = new long[l];
        long[] fn = new long[l];
        double jaccard = 0;
        long wrong = 0;
        for (int i = 0; i < n; i++) {
            int inter = 0;
            int union = 0;
            for (int c = 0; c < l; c++) {
                int y = targets[i][c];
                int p = predictions[i][c];
                tp[c] += y & p;
                fp[c] += (1 - y) & p;
                fn[c] += y & (1 - p);
                inter += y & p;
                union += y | p;
                wrong += y != p ? 1 : 0;
            }
            jaccard += union == 0 ? 1 : (double) inter / union;
        }
        double[] precision = new double[l];
        double[] recall = new double[l];
        double[] f1 = new double[l];
        long sumTp = 0;
        long sumFp = 0;
        long sumFn = 0;
        for (int c = 0; c < l; c++) {
            precision[c] = ratio(tp[c], tp[c] + fp[c]);
            recall[c] = ratio(tp[c], tp[c] + fn[c]);
            f1[c] = precision[c] + recall[c] == 0 ? 0 : 2 * precision[c] * recall[c] / (precision[c] + recall[c]);
            sumTp += tp[c];
            sumFp += fp[c];
            sumFn += fn[c];
        }
        double microP = ratio(sumTp, sumTp + sumFp);
        double microR = ratio(sumTp, sumTp + sumFn);
        double microF1 = microP + microR == 0 ? 0 : 2 * microP * microR / (microP + microR);
        return new MultiLabelMetrics(precision, recall, f1, microP, microR, microF1, mean(precision), mean(recall), mean(f1), jaccard / n,
                (double) wrong / ((long) n * l));
    }

    private static double mean(double[] v) {
        return java.util.Arrays.stream(v).average().orElse(0);
    }

    /** Predictions [σ(o) &gt; 0.5] = [o &gt; 0] from logits. */
    public static int[][] predict(float[][] logits) {
        int[][] p = new int[logits.length][];
        for (int i = 0; i < logits.length; i++) {
            p[i] = new int[logits[i].length];
            for (int c = 0; c < logits[i].length; c++) {
                p[i][c] = logits[i][c] > 0 ? 1 : 0;
            }
        }
        return p;
    }

    private static double ratio(long a, long b) {
        return b == 0 ? 0 : (double) a / b;
    }
}
