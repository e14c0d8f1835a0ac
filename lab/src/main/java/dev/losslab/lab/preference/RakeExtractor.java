package dev.losslab.lab.preference;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * RAKE keyword extraction (Rose et al. 2010), the key-content extractor spec 59 names as SPO's
 * default: the text, lower-cased, is cut into candidate phrases at stop words and punctuation; each
 * word scores deg(w)/freq(w), where deg(w) sums the lengths (in words) of the candidate phrases
 * containing w; a phrase scores the sum of its words' scores. Phrases are returned once each, best
 * first (ties in order of appearance).
 */
public final class RakeExtractor {
    /** A small English stop-word list (articles, auxiliaries, pronouns, prepositions, conjunctions). */
    static final Set<String> STOP_WORDS = Set.of("a", "an", "the", "and", "or", "but", "if", "then", "of", "to", "in", "on", "at", "by", "for", "with",
            "from", "as", "is", "are", "was", "were", "be", "been", "being", "it", "its", "this", "that", "these", "those", "i", "you", "he", "she",
            "we", "they", "me", "him", "her", "us", "them", "my", "your", "his", "our", "their", "not", "no", "so", "do", "does", "did", "has", "have",
            "had", "will", "would", "can", "could", "should", "may", "might", "must", "there", "here", "what", "which", "who", "when", "where", "how",
            "very", "also", "into", "about", "than", "too", "all", "any", "some", "over", "under", "between", "through", "during", "before",
            "after", "above", "below", "up", "down", "out", "off", "again", "only", "such", "each", "both", "more", "most", "other");

    private RakeExtractor() {}

    /** The candidate key phrases of {@code text}, best first. */
    public static List<String> extract(String text) {
        List<List<String>> phrases = new ArrayList<>();
        List<String> current = new ArrayList<>();
        for (String token : text.toLowerCase(Locale.ROOT).split("(?=[^\\p{L}\\p{N}'])|(?<=[^\\p{L}\\p{N}'])")) {
            String t = token.strip();
            boolean word = !t.isEmpty() && t.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '\'');
            if (word && !STOP_WORDS.contains(t)) {
                current.add(t);
            } else if (!token.isBlank() || word) {
                if (!current.isEmpty()) {
                    phrases.add(current);
                }
                current = new ArrayList<>();
            }
        }
        if (!current.isEmpty()) {
            phrases.add(current);
        }
        Map<String, Integer> freq = new HashMap<>();
        Map<String, Integer> degree = new HashMap<>();
        for (List<String> p : phrases) {
            for (String w : p) {
                freq.merge(w, 1, Integer::sum);
                degree.merge(w, p.size(), Integer::sum);
            }
        }
        Map<String, Double> score = new LinkedHashMap<>();
        for (List<String> p : phrases) {
            double s = 0;
            for (String w : p) {
                s += (double) degree.get(w) / freq.get(w);
            }
            score.putIfAbsent(String.join(" ", p), s);
        }
        List<String> out = new ArrayList<>(score.keySet());
        out.sort(Comparator.comparingDouble(p -> -score.get(p)));
        return out;
    }
}
