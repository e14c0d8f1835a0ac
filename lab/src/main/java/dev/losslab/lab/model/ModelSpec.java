package dev.losslab.lab.model;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.nn.ParameterList;
import ai.djl.nn.SequentialBlock;
import dev.losslab.core.InvalidArgumentException;
import dev.losslab.lab.data.QuantileTokens;
import dev.losslab.train.TabularData;
import java.util.Arrays;
import java.util.function.UnaryOperator;

/**
 * A classifier named in text, as the {@code --model} option of {@code losslab train} and a sweep's grid take it: {@code mlp:W1,W2,...} (tanh hidden layers,
 * Glorot-normal weights; {@code mlp:} is a linear model) or {@code gru:CELLS[,BINS]} (paper 31's
 * GRU over the features as a sequence of one-hot quantile tokens, BINS = 10 by default, edges from
 * the training split).
 */
public record ModelSpec(boolean gru, int[] sizes) {
    public static final int DEFAULT_BINS = 10;

    public static ModelSpec parse(String text) {
        boolean gru = text.startsWith("gru:");
        if (!gru && !text.startsWith("mlp:")) {
            throw new InvalidArgumentException("model", "expected mlp:W1,W2,... or gru:CELLS[,BINS], got '" + text + "'");
        }
        String rest = text.substring(4);
        int[] sizes;
        try {
            sizes = rest.isEmpty() ? new int[0] : Arrays.stream(rest.split(",")).mapToInt(s -> Integer.parseInt(s.strip())).toArray();
        } catch (NumberFormatException e) {
            throw new InvalidArgumentException("model", "sizes must be integers, got '" + rest + "'");
        }
        if (Arrays.stream(sizes).anyMatch(s -> s < 1) || (gru && (sizes.length < 1 || sizes.length > 2)) || (gru && sizes.length == 2 && sizes[1] < 2)) {
            throw new InvalidArgumentException("model", "expected positive sizes (gru: CELLS and optional BINS ≥ 2), got '" + text + "'");
        }
        return new ModelSpec(gru, sizes);
    }

    /** Token bins of a GRU model. */
    public int bins() {
        return sizes.length == 2 ? sizes[1] : DEFAULT_BINS;
    }

    /** The model's input encoding: identity for an MLP, quantile tokens with edges fitted on {@code train} for a GRU. */
    public UnaryOperator<TabularData> encoder(TabularData train) {
        if (!gru) {
            return UnaryOperator.identity();
        }
        QuantileTokens tokens = QuantileTokens.fit(train, bins());
        return tokens::apply;
    }

    /** A built, seeded model, its output-layer weight and bias (null for the GRU's bias-free head). */
    public record Built(SequentialBlock block, Parameter outputWeight, Parameter outputBias) {}

    /**
     * Builds the model for {@code features} raw features and {@code classes} outputs; with
     * {@code fusedOutput} (an MLP only) its output layer is left to the loss in training
     * ({@link FusedOutputLinear}).
     */
    public Built build(NDManager manager, int features, int classes, long seed, boolean fusedOutput) {
        if (gru && fusedOutput) {
            throw new InvalidArgumentException("model", "a loss that applies the output layer itself (fused-linear-cross-entropy) needs an mlp: model, got gru:");
        }
        if (fusedOutput) {
            SequentialBlock block = Mlp.fusedOutput(manager, features, sizes, classes, Mlp.Init.GLOROT_NORMAL, seed);
            FusedOutputLinear output = (FusedOutputLinear) block.getChildren().valueAt(block.getChildren().size() - 1);
            return new Built(block, output.weight(), output.bias());
        }
        if (gru) {
            GruClassifier g = GruClassifier.builder().sequenceLength(features).vocabulary(bins()).cellSize(sizes[0]).classes(classes).seed(seed)
                    .build(manager);
            return new Built(g.block(), g.outputWeight(), null);
        }
        SequentialBlock block = Mlp.create(manager, features, sizes, classes, Mlp.Init.GLOROT_NORMAL, seed);
        ParameterList params = block.getParameters();
        return new Built(block, params.valueAt(params.size() - 2), params.valueAt(params.size() - 1));
    }
}
