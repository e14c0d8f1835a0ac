package dev.losslab.lab.preference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Spec 59's augmenter determinism example and RAKE's phrase scoring. */
class DegreeAugmenterTest {
    static final String RESPONSE = "the capital of france is paris and it is large";

    @Test
    void spec59RemovesZeroTwoAndFourOfFourPhrases() {
        List<PreferenceDegreeAugmenter.Variant> v = new PreferenceDegreeAugmenter(3).variants(RESPONSE, List.of("capital", "france", "paris", "large"),
                new Random(0));
        assertEquals(List.of(0, 2, 4), v.stream().map(PreferenceDegreeAugmenter.Variant::removed).toList());
        assertEquals(RESPONSE, v.get(0).text());
        assertEquals("the of is and it is", v.get(2).text());
        String middle = v.get(1).text();
        assertEquals(2, List.of("capital", "france", "paris", "large").stream().filter(middle::contains).count());
        assertEquals(v, new PreferenceDegreeAugmenter(3).variants(RESPONSE, List.of("capital", "france", "paris", "large"), new Random(0)));
        assertTrue(new PreferenceDegreeAugmenter(3).variants("the of it", List.of(), new Random(0)).isEmpty());
    }

    @Test
    void rakeSplitsAtStopWordsAndScoresByDegreeOverFrequency() {
        assertEquals(List.of("capital", "france", "paris", "large"), RakeExtractor.extract(RESPONSE));
        List<String> phrases = RakeExtractor.extract("Compatibility of systems of linear constraints over the set of natural numbers.");
        // two-word phrases score 2 + 2 = 4 (each word has degree 2, frequency 1) and outrank single words (1); ties keep text order
        assertEquals(List.of("linear constraints", "natural numbers", "compatibility", "systems", "set"), phrases);
        assertFalse(phrases.contains("of"));
    }
}
