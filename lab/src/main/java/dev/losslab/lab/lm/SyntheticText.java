package dev.losslab.lab.lm;

import java.util.Random;

/**
 * A stand-in corpus for the tiny-LM runs when tinyshakespeare is absent: sentences of 4–12 words
 * drawn from a fixed list of 60 English words (mixed vowel shares), capitalised, ended by one of
 * ". ! ? ," and broken into lines of about 60 characters.
 */
public final class SyntheticText {
    private static final String[] WORDS = ("the and of to in that is was he for it with as his on be at by had not are but from or have an they which"
            + " one you were her all she there would their we him been has when who will more no if out so said what up its about into than them"
            + " can only other new some could time these two may").split(" ");

    private SyntheticText() {}

    /** About {@code chars} characters of text drawn from {@code seed}. */
    public static String generate(int chars, long seed) {
        Random r = new Random(seed);
        StringBuilder b = new StringBuilder(chars + 80);
        int line = 0;
        while (b.length() < chars) {
            int words = 4 + r.nextInt(9);
            for (int w = 0; w < words; w++) {
                String word = WORDS[r.nextInt(WORDS.length)];
                if (w == 0) {
                    word = Character.toUpperCase(word.charAt(0)) + word.substring(1);
                }
                b.append(word);
                line += word.length();
                if (w == words - 1) {
                    b.append(".!?,".charAt(r.nextInt(4)));
                }
                if (line > 60) {
                    b.append('\n');
                    line = 0;
                } else {
                    b.append(' ');
                    line++;
                }
            }
        }
        return b.toString();
    }
}
