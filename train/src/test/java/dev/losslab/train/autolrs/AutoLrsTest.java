package dev.losslab.train.autolrs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Spec 33's forecaster examples (exact and noisy exponentials, a short series), the GP explorer
 * spreading its probes, and the controller's step accounting and choice on a toy trainee.
 */
class AutoLrsTest {
    @Test
    void forecasterGolden() {
        double[] exact = new double[100];
        double[] noisy = new double[100];
        for (int t = 0; t < 100; t++) {
            exact[t] = 2 * Math.exp(-0.01 * t) + 0.5;
            noisy[t] = exact[t] + (t % 2 == 0 ? 0.01 : -0.01);
        }
        ExponentialForecaster f = ExponentialForecaster.fit(exact, 1e-14);
        assertEquals(2, f.a(), 1e-6);
        assertEquals(-0.01, f.b(), 1e-8);
        assertEquals(0.5, f.c(), 1e-6);
        assertEquals(0.500090830, f.predict(1000), 1e-7);
        ExponentialForecaster g = ExponentialForecaster.fit(noisy, 1e-14);
        assertEquals(2.000402844, g.a(), 1e-6);
        assertEquals(-0.010004882, g.b(), 1e-8);
        assertEquals(0.500000318, g.c(), 1e-6);
        assertEquals(0.500090693, g.predict(1000), 1e-7);
        ExponentialForecaster h = ExponentialForecaster.fit(new double[] {3.0, 2.6, 2.3, 2.05, 1.85, 1.7, 1.58, 1.49, 1.42, 1.37}, 1e-14);
        assertEquals(1.845076594, h.a(), 1e-6);
        assertEquals(-0.243282203, h.b(), 1e-7);
        assertEquals(1.156605989, h.c(), 1e-6);
        assertEquals(-0.0100049062, ExponentialForecaster.fit(noisy).b(), 1e-8, "the code's tolerances stop Nelder–Mead where spec 33 says");
        assertThrows(IllegalArgumentException.class, () -> ExponentialForecaster.fit(new double[] {1, 2}));
    }

    /** Smoothing removes a first-half outlier and keeps a quadratic exactly. */
    @Test
    void smoothingIgnoresOutliers() {
        double[] y = new double[40];
        for (int t = 0; t < 40; t++) {
            y[t] = 1 + 0.1 * t - 0.002 * t * t;
        }
        double[] clean = ExponentialForecaster.smooth(y, 10);
        for (int t = 0; t < 40; t++) {
            assertEquals(y[t], clean[t], 1e-9);
        }
        y[3] += 50;
        assertEquals(1 + 0.3 - 0.018, ExponentialForecaster.smooth(y, 10)[3], 1e-6);
    }

    /** After the first random point the explorer picks the point of largest posterior variance, spreading over [0, 1]. */
    @Test
    void explorerSpreads() {
        GpExplorer gp = new GpExplorer(0.2, new Random(1));
        List<Double> points = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            points.add(gp.next());
        }
        assertTrue(points.stream().anyMatch(u -> u < 0.05) && points.stream().anyMatch(u -> u > 0.95), points.toString());
        for (double u : points) {
            assertTrue(gp.posteriorVariance(u) < 1e-4);
        }
    }

    /** On a trainee whose loss falls fastest at rate 1, each stage spends k·τ' + τ steps and picks a rate near 1; τ' doubles up to τ_max/10. */
    @Test
    void controllerAccountsAndChooses() {
        int[] steps = {0};
        double[] state = {5};
        AutoLrs.Trainee toy = new AutoLrs.Trainee() {
            public Object checkpoint() {
                return state[0];
            }

            public void restore(Object c) {
                state[0] = (double) c;
            }

            public double[] train(double lr, int n) {
                double rate = 0.05 * Math.exp(-Math.pow(Math.log10(lr), 2));
                double[] out = new double[n];
                for (int i = 0; i < n; i++) {
                    state[0] *= 1 - rate;
                    out[i] = state[0] + 0.1;
                    steps[0]++;
                }
                return out;
            }
        };
        List<AutoLrs.Stage> stages = new AutoLrs(1e-3, 1e3, 10, 100, 8, 400, new Random(2)).run(toy, 1300);
        assertEquals(3, stages.size());
        assertTrue(stages.stream().noneMatch(AutoLrs.Stage::validation), "no validation loss: training-loss mode throughout");
        assertEquals(List.of(10, 20, 40), stages.stream().map(AutoLrs.Stage::probeSteps).toList());
        assertEquals(8 * 10 + 100 + 8 * 20 + 200 + 8 * 40 + 400, steps[0]);
        for (AutoLrs.Stage s : stages) {
            assertTrue(Math.abs(Math.log10(s.chosen())) < 1.0, "chosen " + s.chosen());
        }
    }

    /** A toy whose loss falls fastest at rate 1 and whose validation loss is the state + 0.2 (rising instead when {@code overfits}). */
    static final class Toy implements AutoLrs.Trainee {
        final boolean overfits;
        double state = 5;
        int steps;

        Toy(boolean overfits) {
            this.overfits = overfits;
        }

        public Object checkpoint() {
            return state;
        }

        public void restore(Object c) {
            state = (double) c;
        }

        public double[] train(double lr, int n) {
            double rate = 0.05 * Math.exp(-Math.pow(Math.log10(lr), 2));
            double[] out = new double[n];
            for (int i = 0; i < n; i++) {
                state *= 1 - rate;
                out[i] = state + 0.1;
                steps++;
            }
            return out;
        }

        @Override
        public double validationLoss() {
            return overfits ? 10 - state : state + 0.2;
        }
    }

    /**
     * Once τ' reaches τ_max/10 the next stages forecast the validation loss (sampled every τ'/16
     * steps, forecast at τ/(τ'/16)), with the same step accounting; a validation loss that rises
     * above the stage's start is forecast by its last value.
     */
    @Test
    void validationModeAfterTauPrimeReachesATenthOfTauMax() {
        Toy toy = new Toy(false);
        List<AutoLrs.Stage> stages = new AutoLrs(1e-3, 1e3, 10, 100, 8, 200, new Random(2)).run(toy, 900);
        assertEquals(List.of(false, false, true), stages.stream().map(AutoLrs.Stage::validation).toList());
        assertEquals(List.of(10, 20, 20), stages.stream().map(AutoLrs.Stage::probeSteps).toList());
        assertEquals(8 * 10 + 100 + 8 * 20 + 200 + 8 * 20 + 200, toy.steps);
        assertTrue(Math.abs(Math.log10(stages.get(2).chosen())) < 1.0, "chosen " + stages.get(2).chosen());
        Toy rising = new Toy(true);
        double start = rising.validationLoss();
        double forecast = AutoLrs.validationForecast(rising, 1, 32, 320, start);
        assertEquals(32, rising.steps, "a probe spends τ' steps");
        assertEquals(rising.validationLoss(), forecast, 1e-12, "rising validation loss: the last observed value");
        Toy falling = new Toy(false);
        double predicted = AutoLrs.validationForecast(falling, 1, 32, 320, falling.validationLoss());
        double after = 5 * Math.pow(1 - 0.05, 32 + 320) + 0.2;
        assertTrue(Math.abs(predicted - after) < 0.5 && predicted < falling.validationLoss(), "forecast " + predicted + " vs " + after);
    }
}
