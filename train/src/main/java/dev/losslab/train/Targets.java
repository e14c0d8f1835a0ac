package dev.losslab.train;

import static dev.losslab.core.InputNames.SAMPLE_IDS;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.losslab.core.HostArrays;
import dev.losslab.core.InputNames;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds the non-model inputs of a batch (labels, targets, sample ids) in the step's scope. */
@FunctionalInterface
public interface Targets {
    /** Name of the sample-id input handed to objectives (training-set indices). */
    Map<String, NDArray> create(NDManager scope, int[] ids);

    /** Integer class labels as {@code labels} (INT64), plus {@code sample_ids}. */
    static Targets labels(int[] y) {
        return (scope, ids) -> {
            int[] batch = new int[ids.length];
            for (int i = 0; i < ids.length; i++) {
                batch[i] = y[ids[i]];
            }
            Map<String, NDArray> m = new LinkedHashMap<>();
            m.put(InputNames.LABELS, HostArrays.int64(scope, batch));
            m.put(SAMPLE_IDS, HostArrays.int64(scope, ids));
            return m;
        };
    }

    /** Real-valued regression targets as {@code targets} (FLOAT32), plus {@code sample_ids}. */
    static Targets values(float[] y) {
        return (scope, ids) -> {
            float[] batch = new float[ids.length];
            for (int i = 0; i < ids.length; i++) {
                batch[i] = y[ids[i]];
            }
            Map<String, NDArray> m = new LinkedHashMap<>();
            m.put(InputNames.TARGETS, HostArrays.float32(scope, batch));
            m.put(SAMPLE_IDS, HostArrays.int64(scope, ids));
            return m;
        };
    }
}
