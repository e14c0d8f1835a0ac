package dev.losslab.core.regression;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import dev.losslab.core.InvalidArgumentException;
import dev.losslab.core.Scalars;

/**
 * Two-hot targets (paper 64): atoms a_j = linspace(v_min, v_max, atoms) with spacing w; for the
 * clipped target y, j = min(⌊(y − v_min)/w⌋, atoms − 2), p_j = (a_{j+1} − y)/w and
 * p_{j+1} = (y − a_j)/w, so Σ_j p_j·a_j = y exactly. Endpoint-inclusive atoms (MuZero convention)
 * are this project's choice where spec 64 is uncertain.
 */
public final class TwoHot extends CategoricalRegressionObjective {
    private final double vMin;
    private final double vMax;
    private final int atoms;

    public TwoHot(double vMin, double vMax, int atoms) {
        super("two-hot");
        if (!(Double.isFinite(vMin) && Double.isFinite(vMax) && vMin < vMax)) {
            throw new InvalidArgumentException("v_max", "need finite v_min < v_max, got [" + vMin + ", " + vMax + "]");
        }
        if (atoms < 2) {
            throw new InvalidArgumentException("atoms", "need at least 2, got " + atoms);
        }
        this.vMin = vMin;
        this.vMax = vMax;
        this.atoms = atoms;
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
