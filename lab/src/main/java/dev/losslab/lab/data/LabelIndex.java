package dev.losslab.lab.data;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Maps raw label values to class indices: numeric labels in numeric order, others in text order. */
final class LabelIndex {
    private LabelIndex() {}

    static List<String> classes(List<String> raw) {
        List<String> distinct = new ArrayList<>(new LinkedHashSet<>(raw));
        boolean numeric = distinct.stream().allMatch(LabelIndex::isNumber);
        distinct.sort(numeric ? Comparator.comparingDouble(Double::parseDouble) : Comparator.naturalOrder());
        return distinct;
    }

    static int[] encode(List<String> raw, List<String> classes) {
        Map<String, Integer> index = new TreeMap<>();
        for (int i = 0; i < classes.size(); i++) {
            index.put(classes.get(i), i);
        }
        return raw.stream().mapToInt(index::get).toArray();
    }

    static boolean isNumber(String s) {
        try {
            Double.parseDouble(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
