package dev.losslab.core.regression;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import dev.losslab.core.Objective;
import dev.losslab.core.Scalars;
import dev.losslab.core.registry.Component;
import dev.losslab.core.registry.Kind;
import dev.losslab.core.registry.Param;
import dev.losslab.core.registry.Range;
import dev.losslab.core.registry.Registered;

/**
 * Two-hot targets (paper 64): atoms a_j = linspace(v_min, v_max, atoms) with spacing w; for the
 * clipped target y, j = min(⌊(y − v_min)/w⌋, atoms − 2), p_j = (a_{j+1} − y)/w and
 * p_{j+1} = (y − a_j)/w, so Σ_j p_j·a_j = y exactly. Endpoint-inclusive atoms (MuZero convention)
 * are this project's choice where spec 64 is uncertain.
 */
public final class TwoHot extends CategoricalRegressionObjective {
    public static final Param ATOMS = Param.integer("atoms", 51, Range.atLeast(2), "number of atoms, linspace(v_min, v_max, atoms)");

    @Registered
    public static final Component<Objective> COMPONENT = Component.declare("two-hot", Kind.LOSS, "regression")
            .papers(64).summary("two-hot: cross-entropy to the two-atom target whose mean is the clipped target (inputs logits [N, atoms], targets [N])")
            .params(HistogramSupport.V_MIN, HistogramSupport.V_MAX, ATOMS)
            .build(p -> new TwoHot(p.real(HistogramSupport.V_MIN), p.real(HistogramSupport.V_MAX), p.integer(ATOMS)));

    private final double vMin;
    private final double vMax;
    private final int atoms;

    public TwoHot(double vMin, double vMax, int atoms) {
        super(COMPONENT.name());
        HistogramSupport.checkInterval(vMin, vMax);
        this.vMin = vMin;
        this.vMax = vMax;
        this.atoms = ATOMS.check(atoms);
    }

    @Override
    public double[] values() {
        double[] a = new double[atoms];
        for (int j = 0; j < atoms; j++) {
            a[j] = vMin + j * (vMax - vMin) / (atoms - 1);
        }
        return a;
    }

    @Override
    public double vMin() {
        return vMin;
    }

    @Override
    public double vMax() {
        return vMax;
    }

    @Override
    protected NDArray targetDistribution(NDArray y) {
        double w = (vMax - vMin) / (atoms - 1);
        NDArray j = Scalars.min(Scalars.div(y.sub(vMin), w).floor(), atoms - 2);
        NDArray upperWeight = Scalars.div(y.sub(Scalars.mul(j, w).add(vMin)), w);
        NDArray jl = j.toType(DataType.INT64, false);
        NDArray lowerHot = jl.oneHot(atoms, DataType.FLOAT64);
        NDArray upperHot = jl.add(1).oneHot(atoms, DataType.FLOAT64);
        return lowerHot.mul(upperWeight.neg().add(1).expandDims(-1)).add(upperHot.mul(upperWeight.expandDims(-1)));
    }
}
