package dev.losslab.train.optim;

import ai.djl.training.optimizer.Optimizer;
import dev.losslab.core.registry.Component;
import dev.losslab.core.registry.Kind;
import dev.losslab.core.registry.Param;
import dev.losslab.core.registry.Range;
import dev.losslab.core.registry.Registered;

/**
 * DJL's fused Adam and AdamW updates (Kingma and Ba 2015; decoupled decay: Loshchilov and Hutter
 * 2019), registered as {@code adam} and {@code adamw}. AdamW first decays w ← w − lr·weight_decay·w
 * (as {@code torch.optim.AdamW}); then m ← β₁m + (1−β₁)g, v ← β₂v + (1−β₂)g² and
 * w ← w − lr·√(1−β₂ᵗ)/(1−β₁ᵗ) · m/(√v + eps).
 *
 * <p><b>Differs from torch.optim 2.x</b>, which divides by √v̂ + eps with v̂ = v/(1−β₂ᵗ): DJL's
 * form equals torch's with eps replaced by eps/√(1−β₂ᵗ), so early updates are damped more when
 * eps is large. With the default eps = 1e-8 the two agree to float32 rounding. {@code DjlAdamTest}
 * pins DJL's form.
 */
public final class DjlAdam {
    public static final Param BETA1 = Param.real("beta1", 0.9, Range.closedOpen(0, 1), "first-moment decay");
    public static final Param BETA2 = Param.real("beta2", 0.999, Range.closedOpen(0, 1), "second-moment decay");
    public static final Param EPS = Param.real("eps", 1e-8, Range.greaterThan(0), "denominator constant");
    public static final Param WEIGHT_DECAY = Param.real("weight_decay", 0.01, Range.atLeast(0), "decoupled weight decay");

    @Registered
    public static final Component<OptimizerFactory> ADAM = Component.declare("adam", Kind.OPTIMIZER, "optimizer")
            .summary("Adam (DJL's fused update)").params(BETA1, BETA2, EPS)
            .build(p -> lr -> Optimizer.adam().optLearningRateTracker(lr)
                    .optBeta1((float) p.real(BETA1)).optBeta2((float) p.real(BETA2)).optEpsilon((float) p.real(EPS)).build());

    @Registered
    public static final Component<OptimizerFactory> ADAMW = Component.declare("adamw", Kind.OPTIMIZER, "optimizer")
            .summary("AdamW, decoupled weight decay (DJL's fused update)").params(BETA1, BETA2, EPS, WEIGHT_DECAY)
            .build(p -> lr -> Optimizer.adamW().optLearningRateTracker(lr)
                    .optBeta1((float) p.real(BETA1)).optBeta2((float) p.real(BETA2)).optEpsilon((float) p.real(EPS))
                    .optWeightDecays((float) p.real(WEIGHT_DECAY)).build());

    private DjlAdam() {}
}
