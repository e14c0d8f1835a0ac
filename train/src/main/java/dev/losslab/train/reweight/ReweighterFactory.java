package dev.losslab.train.reweight;

import dev.losslab.core.registry.Kind;
import dev.losslab.core.registry.Registry;
import dev.losslab.train.InputSource;
import java.util.Map;

/** A configured reweighter; each {@link #create} starts a fresh one (reweighters may count steps or keep estimates). */
@FunctionalInterface
public interface ReweighterFactory {
    InputSource.Reweighter create();

    /** The registered reweighter {@code name} (e.g. {@code lin-upper}) with the given hyperparameters. */
    static ReweighterFactory of(String name, Map<String, ?> params) {
        return Registry.defaults().create(name, Kind.REWEIGHTER, ReweighterFactory.class, params);
    }
}
