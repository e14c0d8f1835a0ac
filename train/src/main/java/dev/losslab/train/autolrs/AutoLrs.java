package dev.losslab.train.autolrs;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * AutoLRS's stage loop (paper 33, spec 33; the official {@code autolrs_server.py}), training-loss
 * mode: each stage saves a checkpoint, tries k rates η_j (proposed by {@link GpExplorer} on the
 * normalised log scale of [η_min, η_max]) for τ' steps each from the checkpoint, forecasts each
 * probe's loss at step τ ({@link ExponentialForecaster} after {@link ExponentialForecaster#smooth};
 * a non-finite forecast counts as 1e6), restores the checkpoint and trains τ steps with the best
 * forecast's rate. After a stage τ' and τ double while τ' &lt; τ_max/10; after the first stage
 * with τ' ≥ τ_max/10 the controller switches to validation mode (the code's {@code val_stage}),
 * when the trainee has a validation loss: a probe evaluates it every s = max(1, ⌊τ'/16⌋) steps
 * (about 16 points), smooths them with one pass dropping one outlier, and forecasts at index τ/s;
 * a probe whose validation loss ever reaches the loss at the stage's start is forecast by its last
 * value. Stages run while the next one fits the step budget (probes included).
 */
public final class AutoLrs {
    /** What AutoLRS drives: a model that can be checkpointed and trained at a given rate. */
    public interface Trainee {
        Object checkpoint();

        void restore(Object checkpoint);

        /** Trains {@code steps} steps at rate {@code lr}; returns the per-step training losses. */
        double[] train(double lr, int steps);

        /** The current model's validation loss, or NaN when there is none (AutoLRS then stays in training-loss mode). */
        default double validationLoss() {
            return Double.NaN;
        }
    }

    /** One stage's outcome: the rates tried, their forecasts, the rate used, and whether its probes forecast the validation loss. */
    public record Stage(double[] rates, double[] forecasts, double chosen, int probeSteps, int exploitSteps, boolean validation) {}

    private final double lrMin;
    private final double lrMax;
    private final int initialProbe;
    private final int initialExploit;
    private final int ratesPerStage;
    private final int tauMax;
    private final Random rng;

    public AutoLrs(double lrMin, double lrMax, int probeSteps, int exploitSteps, int ratesPerStage, int tauMax, Random rng) {
        if (!(lrMin > 0) || !(lrMax > lrMin) || probeSteps < 3 || exploitSteps < 1 || ratesPerStage < 1) {
            throw new IllegalArgumentException("need 0 < lrMin < lrMax, probeSteps ≥ 3, exploitSteps ≥ 1, ratesPerStage ≥ 1");
        }
        this.lrMin = lrMin;
        this.lrMax = lrMax;
        this.initialProbe = probeSteps;
        this.initialExploit = exploitSteps;
        this.ratesPerStage = ratesPerStage;
        this.tauMax = tauMax;
        this.rng = rng;
    }

    /** Runs stages within {@code budget} steps; returns them in order. */
    public List<Stage> run(Trainee trainee, int budget) {
        List<Stage> stages = new ArrayList<>();
        int probe = initialProbe;
        int exploit = initialExploit;
        int used = 0;
        boolean validation = false;
        while (used + ratesPerStage * probe + exploit <= budget) {
            Object start = trainee.checkpoint();
            double initial = validation ? trainee.validationLoss() : Double.NaN;
            GpExplorer explorer = new GpExplorer(0.2, rng);
            double[] rates = new double[ratesPerStage];
            double[] forecasts = new double[ratesPerStage];
            int best = 0;
            for (int j = 0; j < ratesPerStage; j++) {
                double u = explorer.next();
                rates[j] = Math.exp(Math.log(lrMin) + u * (Math.log(lrMax) - Math.log(lrMin)));
                trainee.restore(start);
                forecasts[j] = validation ? validationForecast(trainee, rates[j], probe, exploit, initial)
                        : forecast(trainee.train(rates[j], probe), exploit);
                if (forecasts[j] < forecasts[best]) {
                    best = j;
                }
            }
            trainee.restore(start);
            trainee.train(rates[best], exploit);
            stages.add(new Stage(rates, forecasts, rates[best], probe, exploit, validation));
            used += ratesPerStage * probe + exploit;
            if (probe < tauMax / 10) {
                probe *= 2;
                exploit *= 2;
            } else if (!validation) {
                validation = !Double.isNaN(trainee.validationLoss());
            }
        }
        return stages;
    }

    /** A validation-mode probe: {@code probe} steps at {@code lr}, the validation loss every s steps, forecast at index τ/s (see the class comment). */
    static double validationForecast(Trainee trainee, double lr, int probe, int exploit, double initial) {
        int every = Math.max(1, probe / 16);
        int points = probe / every;
        double[] series = new double[points];
        boolean worse = false;
        for (int i = 0; i < points; i++) {
            trainee.train(lr, every);
            series[i] = trainee.validationLoss();
            if (!Double.isFinite(series[i])) {
                return 1e6;
            }
            worse |= series[i] >= initial;
        }
        trainee.train(lr, probe - points * every);
        if (worse) {
            return series[points - 1];
        }
        double value = ExponentialForecaster.fit(ExponentialForecaster.smooth(series, 1, 1)).predict((double) exploit / every);
        return Double.isFinite(value) ? value : 1e6;
    }

    /** The smoothed exponential forecast of a probe's losses at step {@code at}; 1e6 if it is not finite. */
    static double forecast(double[] losses, int at) {
        for (double l : losses) {
            if (!Double.isFinite(l)) {
                return 1e6;
            }
        }
        double value = ExponentialForecaster.fit(ExponentialForecaster.smooth(losses, 10)).predict(at);
        return Double.isFinite(value) ? value : 1e6;
    }
}
