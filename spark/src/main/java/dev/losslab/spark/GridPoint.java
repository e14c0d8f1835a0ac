package dev.losslab.spark;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.TreeMap;

/**
 * One training run of a sweep: the data set, the loss and its parameters, the optimizer, learning
 * rate, label noise, model, budget, seed and cross-validation fold. Only these parameters travel to
 * an executor; the data is read there from {@link #data}.
 *
 * @param data a data file path (any format {@code losslab train} reads) or {@code synthetic:gaussian:N,D,C}
 * @param label the label column of a CSV/TSV/ARFF file, or null for the last column
 * @param lossParams the loss's parameters (name → value as text), sorted by name
 * @param schedule a registered learning-rate schedule ({@code constant}, {@code step-decay}, …) over the run
 * @param noise label noise on the training rows, {@code symmetric:R} or {@code pairflip:R} ({@code none}: clean)
 * @param model {@code mlp:W1,W2,...} (tanh hidden layers, Glorot-normal weights, as {@code losslab train})
 * @param folds k of k-fold cross-validation on the training rows
 * @param fold this run's validation fold, in [0, folds)
 * @param testFraction the rows held out for testing (split by {@code seed})
 */
public record GridPoint(String data, String label, String loss, Map<String, String> lossParams, String optimizer, Map<String, String> optParams,
        double lr, String schedule, Map<String, String> scheduleParams, String noise, String model, int epochs, int batch, long seed, int folds, int fold, double testFraction) implements Serializable {
    private static final long serialVersionUID = 1L;

    public GridPoint {
        lossParams = new TreeMap<>(lossParams);
        optParams = new TreeMap<>(optParams);
        scheduleParams = new TreeMap<>(scheduleParams);
    }

    /** The configuration without seed and fold: runs that differ only in those are averaged together. */
    public String configuration() {
        return String.join(" ", data, loss + lossParams, optimizer + optParams, "lr=" + lr, schedule + scheduleParams, noise, model, "epochs=" + epochs,
                "batch=" + batch);
    }

    /** A stable id (16 hex digits of SHA-256 over every parameter): the key that makes results idempotent and resumable. */
    public String id() {
        String key = String.join("|", data, String.valueOf(label), loss, lossParams.toString(), optimizer, optParams.toString(), Double.toString(lr), schedule,
                scheduleParams.toString(), noise,
                model, Integer.toString(epochs), Integer.toString(batch), Long.toString(seed), Integer.toString(folds), Integer.toString(fold),
                Double.toString(testFraction));
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            StringBuilder hex = new StringBuilder();
            for (int i = 0; i < 8; i++) {
                hex.append(String.format("%02x", hash[i]));
            }
            return hex.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
