package dev.losslab.train.optim;

import dev.losslab.core.registry.Component;
import dev.losslab.core.registry.Kind;
import dev.losslab.core.registry.Param;
import dev.losslab.core.registry.Range;
import dev.losslab.core.registry.Registered;

/**
 * SGD with Nesterov momentum, {@code torch.optim.SGD(nesterov=True)}'s rule: g ← g + weight_decay·w;
 * b ← μ·b + g; w ← w − lr·(g + μ·b). It is {@link MomentumSgd} with Nesterov on, registered under
 * its own name with μ = 0.9 by default (torch requires μ &gt; 0 for Nesterov). DJL's {@code Nag}
 * throws on the PyTorch engine.
 */
public final class Nesterov {
    public static final Param MOMENTUM = Param.real("momentum", 0.9, Range.open(0, 1), "momentum μ");

    @Registered
    public static final Component<OptimizerFactory> COMPONENT = Component.declare("nesterov", Kind.OPTIMIZER, "optimizer")
            .summary("SGD with Nesterov momentum (torch.optim.SGD nesterov=True)").params(MOMENTUM, MomentumSgd.WEIGHT_DECAY)
            .build(p -> lr -> new MomentumSgd(lr, p.real(MOMENTUM), p.real(MomentumSgd.WEIGHT_DECAY), true));

    private Nesterov() {}
}
