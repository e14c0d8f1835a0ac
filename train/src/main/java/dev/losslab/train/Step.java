package dev.losslab.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.util.Map;

/**
 * What an {@link InputSource} sees of one training step.
 *
 * @param epoch 0-based epoch
 * @param ids the batch's sample ids (rows of the training set)
 * @param rows the batch's feature rows on the host
 * @param features the same rows on the engine, in the step's scope
 * @param batch the batch's data inputs by name (labels, targets, sample ids)
 * @param scope the step's manager: everything made here is freed after the step
 * @param model the model being trained
 * @param store the model's parameter store
 * @param modelManager the manager that owns the model's parameters
 * @param perSample the objective's detached per-sample values (only for a {@code weights} source; null before)
 */
public record Step(int epoch, int[] ids, float[][] rows, NDArray features, Map<String, NDArray> batch, NDManager scope, Block model,
        ParameterStore store, NDManager modelManager, NDArray perSample) {

    /** The trained model's output on {@code x}, recorded for backward. */
    public NDArray forward(NDArray x) {
        return model.forward(store, new NDList(x), true).singletonOrThrow();
    }

    /** Every array the trained model returns on {@code x} (a model with several heads), recorded for backward. */
    public NDList forwardAll(NDArray x) {
        return model.forward(store, new NDList(x), true);
    }

    Step withPerSample(NDArray values) {
        return new Step(epoch, ids, rows, features, batch, scope, model, store, modelManager, values);
    }
}
