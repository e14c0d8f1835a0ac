package dev.losslab.cli;

import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import dev.losslab.core.InvalidArgumentException;
import dev.losslab.core.registry.Kind;
import dev.losslab.core.registry.Registry;
import dev.losslab.train.TabularData;
import dev.losslab.train.averaging.LearnedSoup;
import dev.losslab.train.averaging.Soup;
import dev.losslab.train.averaging.StateDict;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import picocli.CommandLine.Option;

/**
 * The {@code --soup} options of {@code losslab train} (paper 45, model soups): {@code --soup-runs} K
 * runs start from the same initial weights with the same settings and differ in their data order
 * (run k shuffles with seed + k); their final weights are combined by the registered soup
 * ({@code uniform-soup}, {@code greedy-soup}, or {@code learned-soup} for MLP models), which scores
 * candidates on held-out rows taken from the training split. The paper's ingredients also differ
 * in their hyperparameters; here only the order of the data does (a LossLab choice that keeps one
 * command line one recipe).
 */
final class SoupOptions {
    /** Fraction of the training split held out to score (greedy) or fit (learned) the soup. */
    static final double HELD_OUT = 0.2;

    @Option(names = "--soup", description = "combine --soup-runs runs from one initialisation with this registered soup: uniform-soup, greedy-soup or learned-soup (losslab list --kind averaging); 20% of the training rows are held out to score it")
    String name;

    @Option(names = "--soup-param", description = "soup hyperparameter k=v (repeatable), e.g. accept=>")
    List<String> paramArgs = new ArrayList<>();

    @Option(names = "--soup-runs", defaultValue = "4", description = "runs combined by --soup (≥ 2)")
    int runs;

    private Object recipe;

    boolean enabled() {
        return name != null;
    }

    /** Checks the options before any work; {@code gru} tells whether the model is a GRU (no functional form for the learned soup). */
    void check(Registry registry, boolean gru) {
        if (!enabled()) {
            return;
        }
        if (runs < 2) {
            throw new InvalidArgumentException("soup-runs", "a soup needs at least 2 runs, got " + runs);
        }
        if (registry.get(name).kind() != Kind.AVERAGING || name.equals("ema") || name.equals("swa")) {
            throw new InvalidArgumentException("soup", "'" + name + "' is not a soup; expected uniform-soup, greedy-soup or learned-soup");
        }
        Map<String, String> params = ParamArgs.parse(paramArgs, "--soup-param");
        if (name.equals("learned-soup")) {
            if (gru) {
                throw new InvalidArgumentException("soup", "learned-soup needs an MLP model (--model mlp:…)");
            }
            recipe = registry.create(name, Kind.AVERAGING, LearnedSoup.Factory.class, params);
        } else {
            recipe = registry.create(name, Kind.AVERAGING, Soup.class, params);
        }
    }

    /** The soup of {@code models} (state dicts of {@code block}'s architecture), scored or fitted on {@code heldOut}. */
    StateDict cook(List<StateDict> models, Block block, TabularData heldOut, ToDoubleFunction<StateDict> accuracyOnHeldOut) {
        if (recipe instanceof LearnedSoup.Factory learned) {
            return learned.create().cook(models, LearnedSoup.shapesOf(block), LearnedSoup.mlp(Activation::tanh), heldOut.x(), heldOut.y());
        }
        return ((Soup) recipe).cook(models, accuracyOnHeldOut);
    }
}
