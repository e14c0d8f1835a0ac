package dev.losslab.lab.lm;

import dev.losslab.core.InvalidArgumentException;
import java.util.Arrays;
import java.util.TreeSet;

/** The characters of a corpus, sorted, with their ids; the space character pads contexts before a text starts. */
public final class CharVocabulary {
    private final char[] chars;

    private CharVocabulary(char[] chars) {
        this.chars = chars;
    }

    /** Every character that occurs in {@code texts}. */
    public static CharVocabulary of(String... texts) {
        TreeSet<Character> set = new TreeSet<>();
        set.add(' ');
        for (String t : texts) {
            for (int i = 0; i < t.length(); i++) {
                set.add(t.charAt(i));
            }
        }
        char[] c = new char[set.size()];
        int i = 0;
        for (char x : set) {
            c[i++] = x;
        }
        return new CharVocabulary(c);
    }

    public int size() {
        return chars.length;
    }

    /** The id of the padding character (space). */
    public int pad() {
        return id(' ');
    }

    public int id(char c) {
        int i = Arrays.binarySearch(chars, c);
        if (i < 0) {
            throw new InvalidArgumentException("text", "character '" + c + "' (U+" + String.format("%04X", (int) c) + ") is not in the vocabulary");
        }
        return i;
    }

    public int[] encode(String text) {
        int[] ids = new int[text.length()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = id(text.charAt(i));
        }
        return ids;
    }

    public String decode(int[] ids) {
        StringBuilder b = new StringBuilder(ids.length);
        for (int id : ids) {
            b.append(chars[id]);
        }
        return b.toString();
    }

    /** The characters in id order, e.g. to store with a checkpoint. */
    public String characters() {
        return new String(chars);
    }

    /** The vocabulary whose ids are the positions in {@code characters} (from {@link #characters}). */
    public static CharVocabulary ofCharacters(String characters) {
        char[] c = characters.toCharArray();
        char[] sorted = c.clone();
        Arrays.sort(sorted);
        if (!Arrays.equals(c, sorted)) {
            throw new InvalidArgumentException("characters", "must be sorted and distinct");
        }
        return new CharVocabulary(c);
    }
}
