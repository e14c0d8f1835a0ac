package dev.losslab.core.regression;

import static dev.losslab.core.InputNames.PREDICTIONS;

import ai.djl.ndarray.NDArray;
import dev.losslab.core.AbstractObjective;
import dev.losslab.core.Checks;
import dev.losslab.core.InputNames;
import dev.losslab.core.InputSpec;
import dev.losslab.core.Inputs;
import dev.losslab.core.InvalidArgumentException;
import dev.losslab.core.Objective;
import dev.losslab.core.registry.Component;
import dev.losslab.core.registry.Kind;
import dev.losslab.core.registry.Registered;
import java.util.List;

/** Squared error ℓ = (ŷ − y)² on {@code predictions} [N] (or [N, 1]) and real {@code targets} [N]: the MSE baseline of paper 64. */
public final class SquaredError extends AbstractObjective {
    @Registered
    public static final Component<Objective> COMPONENT = Component.declare("mse", Kind.LOSS, "regression")
            .papers(64).summary("squared error (ŷ − y)² (inputs predictions [N], targets [N])")
            .build(p -> new SquaredError());

    public SquaredError() {
        super(COMPONENT.name(), List.of(InputSpec.trained(PREDICTIONS, "[N] or [N, 1]"), InputSpec.target(InputNames.TARGETS, "[N] real values")));
    }

    @Override
    protected NDArray evaluate(Inputs inputs) {
        NDArray p = inputs.get(PREDICTIONS);
        if (p.getShape().dimension() == 2 && p.getShape().get(1) == 1) {
            p = p.squeeze(1);
        }
        if (p.getShape().dimension() != 1 || p.getShape().get(0) == 0) {
            throw new InvalidArgumentException(PREDICTIONS, "expected a non-empty [N] or [N, 1] array, got " + p.getShape());
        }
        Checks.finite(PREDICTIONS, p);
        NDArray y = inputs.get(InputNames.TARGETS);
        Checks.vector(InputNames.TARGETS, y, p.getShape().get(0));
        Checks.finite(InputNames.TARGETS, y);
        NDArray d = p.sub(y.toType(p.getDataType(), false));
        return d.mul(d);
    }
}
