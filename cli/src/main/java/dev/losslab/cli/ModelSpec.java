package dev.losslab.cli;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.nn.ParameterList;
import ai.djl.nn.SequentialBlock;
import dev.losslab.core.InvalidArgumentException;
import dev.losslab.lab.data.QuantileTokens;
import dev.losslab.lab.model.GruClassifier;
import dev.losslab.lab.model.Mlp;
import dev.losslab.train.TabularData;
import java.util.Arrays;
import java.util.function.UnaryOperator;

/**
 * The {@code --model} option of {@code losslab train}: {@code mlp:W1,W2,...} (tanh hidden layers,
 * Glorot-normal weights; {@code mlp:} is a linear model) or {@code gru:CELLS[,BINS]} (paper 31's
 * GRU over the features as a sequence of one-hot quantile tokens, BINS = 10 by default, edges from
 * the training split).
 */
record ModelSpec(boolean gru, int[] sizes) {
    static final int DEFAULT_BINS = 10;

    static ModelSpec parse(String text) {
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
    int bins() {
        return sizes.length == 2 ? sizes[1] : DEFAULT_BINS;
    }

    /** The model's input encoding: identity for an MLP, quantile tokens with edges fitted on {@code train} for a GRU. */
    UnaryOperator<TabularData> encoder(TabularData train) {
        if (!gru) {
            return UnaryOperator.identity();
        }
        QuantileTokens tokens = QuantileTokens.fit(train, bins());
        return tokens::apply;
    }

    /** A built, seeded model and its output-layer weight. */
    record Built(SequentialBlock block, Parameter outputWeight) {}

    /** Builds the model for {@code features} raw features and {@code classes} outputs. */
    Built build(NDManager manager, int features, int classes, long seed) {
        if (gru) {
            GruClassifier g = GruClassifier.builder().sequenceLength(features).vocabulary(bins()).cellSize(sizes[0]).classes(classes).seed(seed)
                    .build(manager);
            return new Built(g.block(), g.outputWeight());
        }
        SequentialBlock block = Mlp.create(manager, features, sizes, classes, Mlp.Init.GLOROT_NORMAL, seed);
        ParameterList params = block.getParameters();
        return new Built(block, params.valueAt(params.size() - 2));
    }
}
