package dev.losslab.lab.preference;

import dev.losslab.core.InvalidArgumentException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SPO's self-supervised variants (paper 59, spec 59's [PROPOSAL]): from a response and its m key
 * phrases, K variants where variant k removes round(k/(K − 1)·m) of the phrases (k = 0 keeps all,
 * k = K − 1 removes all), which ones chosen by a seeded permutation; the variant's label is k, its
 * degree of preference loss. A response without key phrases yields no variants.
 */
public final class PreferenceDegreeAugmenter {
    private final int degrees;

    /** @param degrees K ≥ 2 degree classes */
    public PreferenceDegreeAugmenter(int degrees) {
        if (degrees < 2) {
            throw new InvalidArgumentException("degrees", "needs at least 2 degree classes, got " + degrees);
        }
        this.degrees = degrees;
    }

    /** One variant and its degree. */
    public record Variant(String text, int degree, int removed) {}

    /** How many of {@code m} phrases variant {@code k} removes. */
    public int removals(int k, int m) {
        return (int) Math.round((double) k / (degrees - 1) * m);
    }

    /** The K variants of {@code response} with key phrases {@code keyPhrases} (empty when there are none). */
    public List<Variant> variants(String response, List<String> keyPhrases, Random r) {
        List<Variant> out = new ArrayList<>();
        int m = keyPhrases.size();
        if (m == 0) {
            return out;
        }
        List<String> order = new ArrayList<>(keyPhrases);
        java.util.Collections.shuffle(order, r);
        for (int k = 0; k < degrees; k++) {
            int n = removals(k, m);
            String text = response;
            for (String phrase : order.subList(0, n)) {
                Matcher match = Pattern.compile("(?i)(?<![\\p{L}\\p{N}])" + Pattern.quote(phrase) + "(?![\\p{L}\\p{N}])").matcher(text);
                text = match.replaceFirst("");
            }
            out.add(new Variant(text.replaceAll("\\s+", " ").strip(), k, n));
        }
        return out;
    }
}
