package dev.losslab.core.classification;

import dev.losslab.core.AttackSettings;
import dev.losslab.core.Objective;
import dev.losslab.core.classification.binary.BinaryMarginLoss;
import dev.losslab.core.classification.binary.EnsLoss;
import dev.losslab.core.classification.margin.CrammerSingerHinge;
import dev.losslab.core.classification.margin.L2Svm;
import dev.losslab.core.classification.margin.WestonWatkinsHinge;
import dev.losslab.core.classification.robust.ActivePassive;
import dev.losslab.core.classification.robust.AldrKl;
import dev.losslab.core.classification.robust.JensenShannon;
import dev.losslab.core.classification.robust.LdrKl;
import dev.losslab.core.classification.robust.ProbabilityMse;
import dev.losslab.core.classification.robust.RobustLogLoss;
import dev.losslab.core.classification.robust.ScoreNormalization;
import dev.losslab.core.classification.robust.SymmetricCrossEntropy;
import dev.losslab.core.classification.robust.TruncatedGce;
import dev.losslab.core.classification.softmax.AdversarialCompSum;
import dev.losslab.core.classification.softmax.CompSum;
import dev.losslab.core.classification.softmax.CrossEntropy;
import dev.losslab.core.classification.softmax.Focal;
import dev.losslab.core.classification.softmax.LabelSmoothing;
import dev.losslab.core.classification.softmax.Precision;
import dev.losslab.core.classification.softmax.StableMaxCrossEntropy;
import dev.losslab.core.classification.spherical.LogSphericalSoftmax;
import dev.losslab.core.classification.spherical.LogTaylorSoftmax;
import dev.losslab.core.classification.spherical.SphericalMse;
import dev.losslab.core.classification.spherical.ZLoss;
import dev.losslab.core.registry.Component;
import dev.losslab.core.registry.ComponentProvider;
import dev.losslab.core.registry.Kind;
import dev.losslab.core.registry.Param;
import dev.losslab.core.registry.Range;
import java.util.Arrays;
import java.util.List;

/** Registers the classification losses. */
public final class ClassificationComponents implements ComponentProvider {
    private static final String FAMILY = "classification";

    @Override
    public List<Component<?>> components() {
        return List.of(
                loss("cross-entropy", List.of(44), "softmax cross-entropy −log p_y, optionally in a chosen precision",
                        List.of(Param.choice("precision", "input", List.of("input", "float16", "float32", "float64"),
                                "type the log-softmax is computed in (paper 44's Softmax Collapse)")),
                        p -> new CrossEntropy(Precision.parse(p.choice("precision")))),
                loss("label-smoothing", List.of(), "cross-entropy against (1−smoothing)·one_hot + smoothing/C",
                        List.of(Param.real("smoothing", 0.1, Range.closed(0, 1), "mass spread uniformly over the C classes")),
                        p -> new LabelSmoothing(p.real("smoothing"))),
                loss("focal", List.of(), "focal loss −(1−p_y)^gamma·log p_y (no alpha)",
                        List.of(Param.real("gamma", 2, Range.atLeast(0), "focusing exponent")),
                        p -> new Focal(p.real("gamma"))),
                loss("comp-sum", List.of(4), "comp-sum τ-family (p_y^(τ−1) − 1)/(1 − τ); τ=1 is cross-entropy",
                        List.of(Param.real("tau", 1, Range.atLeast(0), "τ: 0 sum-exponential, 1 CE, 1+q GCE, 2 MAE")),
                        p -> new CompSum(p.real("tau"))),
                loss("sum-exponential", List.of(4), "Σ_{k≠y} exp(h_k − h_y) = 1/p_y − 1 (comp-sum τ=0)", List.of(),
                        p -> new CompSum("sum-exponential", 0)),
                loss("gce", List.of(4, 9), "generalized cross-entropy (1 − p_y^q)/q (comp-sum τ=1+q)",
                        List.of(Param.real("q", 0.7, new Range(0, true, 1, false), "exponent q")),
                        p -> new CompSum("gce", 1 + p.real("q"))),
                loss("mae", List.of(4, 9), "mean absolute error 1 − p_y (comp-sum τ=2)", List.of(),
                        p -> new CompSum("mae", 2)),
                loss("ldr-kl", List.of(9), "label-distributionally-robust loss λ·log mean_k exp((δ_k + s_k − s_y)/λ); values go negative (down to −λ·log C) near the optimum",
                        List.of(
                                Param.real("lambda", 10, Range.greaterThan(0), "KL regularisation weight λ"),
                                Param.real("margin", 0.1, Range.atLeast(0), "margin c added to every k ≠ y"),
                                Param.choice("normalize", "softplus-mean",
                                        normalizations(),
                                        "score normalisation: none (paper) or softplus-mean (official code)")),
                        p -> new LdrKl(p.real("lambda"), p.real("margin"), ScoreNormalization.fromLabel(p.choice("normalize")))),
                loss("aldr-kl", List.of(9), "adaptive LDR-KL with a per-example temperature λ_i kept between calls (input sample_ids); values go negative near the optimum",
                        List.of(
                                Param.real("lambda0", 10, Range.greaterThan(0), "initial and reference temperature λ0"),
                                Param.real("alpha", 2, Range.greaterThan(1), "strength of the (λ − λ0)² penalty"),
                                Param.real("margin", 0.1, Range.atLeast(0), "margin c added to every k ≠ y"),
                                Param.choice("normalize", "l1-mean", normalizations(),
                                        "score normalisation: l1-mean (official code), softplus-mean or none")),
                        p -> new AldrKl(p.real("lambda0"), p.real("alpha"), p.real("margin"), ScoreNormalization.fromLabel(p.choice("normalize")))),
                loss("crammer-singer-hinge", List.of(9), "Crammer–Singer hinge max_k max(0, c[k≠y] + o_k − o_y)",
                        List.of(margin(1)), p -> new CrammerSingerHinge(p.real("margin"))),
                loss("weston-watkins-hinge", List.of(9), "Weston–Watkins hinge (1/K) Σ_{k≠y} max(0, c + o_k − o_y)",
                        List.of(margin(1)), p -> new WestonWatkinsHinge(p.real("margin"))),
                loss("tgce", List.of(9), "truncated GCE mask_i·(1 − p_y^q)/q with the official pruning schedule (input sample_ids)",
                        List.of(Param.real("q", 0.7, new Range(0, true, 1, false), "exponent q"),
                                Param.real("k", 0.5, Range.closedOpen(0, 1), "truncation threshold on p_y")),
                        p -> new TruncatedGce(p.real("q"), p.real("k"))),
                loss("sce", List.of(9), "symmetric cross-entropy (1−b)·CE + b·4·(1 − p_y)",
                        List.of(Param.real("b", 0.5, Range.closed(0, 1), "weight of the reverse cross-entropy")),
                        p -> new SymmetricCrossEntropy(p.real("b"))),
                loss("rll", List.of(9), "robust log loss, official-code form (not shift-invariant)",
                        List.of(Param.real("alpha", 1, Range.greaterThan(0), "α")), p -> new RobustLogLoss(p.real("alpha"))),
                loss("prob-mse", List.of(9), "squared error Σ_k (e_y,k − p_k)² on softmax probabilities", List.of(), p -> new ProbabilityMse()),
                loss("js", List.of(9), "generalized Jensen–Shannon loss with weights (pi1, 1 − pi1)",
                        List.of(Param.real("pi1", 0.5, Range.open(0, 1), "weight of the label distribution")),
                        p -> new JensenShannon(p.real("pi1"))),
                loss("nce-rce", List.of(9), "alpha·NCE + (10 − alpha)·RCE",
                        List.of(ncePart()), p -> new ActivePassive(ActivePassive.Passive.RCE, p.real("alpha"), 0, 1)),
                loss("nce-agce", List.of(9), "alpha·NCE + (10 − alpha)·AGCE, AGCE = ((a+1)^q − (a+p_y)^q)/q",
                        List.of(ncePart(), Param.real("a", 3, Range.greaterThan(0), "AGCE a"), Param.real("q", 1.5, Range.greaterThan(0), "AGCE q")),
                        p -> new ActivePassive(ActivePassive.Passive.AGCE, p.real("alpha"), p.real("a"), p.real("q"))),
                loss("nce-aul", List.of(9), "alpha·NCE + (10 − alpha)·AUL, AUL = ((a − p_y)^q − (a−1)^q)/q",
                        List.of(ncePart(), Param.real("a", 6, Range.greaterThan(1), "AUL a"), Param.real("q", 1.5, Range.greaterThan(0), "AUL q")),
                        p -> new ActivePassive(ActivePassive.Passive.AUL, p.real("alpha"), p.real("a"), p.real("q"))),
                loss("logistic", List.of(13), "binary logistic loss softplus(−y·f), labels in {0, 1}", List.of(),
                        p -> new BinaryMarginLoss(BinaryMarginLoss.Kind.LOGISTIC)),
                loss("hinge", List.of(13), "binary hinge max(0, 1 − y·f), labels in {0, 1}", List.of(),
                        p -> new BinaryMarginLoss(BinaryMarginLoss.Kind.HINGE)),
                loss("exponential", List.of(13), "binary exponential loss exp(−y·f), labels in {0, 1}", List.of(),
                        p -> new BinaryMarginLoss(BinaryMarginLoss.Kind.EXPONENTIAL)),
                loss("binary-focal", List.of(13), "binary focal softplus(−y·f)·(1 − σ(y·f))^gamma, labels in {0, 1}",
                        List.of(Param.real("gamma", 2, Range.atLeast(0), "focusing exponent")),
                        p -> new BinaryMarginLoss(BinaryMarginLoss.Kind.FOCAL, p.real("gamma"))),
                loss("ensloss", List.of(13), "EnsLoss: random calibrated loss-derivatives per batch, surrogate sg(g)·y·f",
                        List.of(Param.real("lambda", 0, Range.ANY, "Box-Cox parameter of the derivative draws"),
                                Param.integer("seed", 0, Range.atLeast(0), "seed of the random source")),
                        p -> new EnsLoss(p.real("lambda"), p.integer("seed"))),
                loss("z-loss", List.of(2), "Z-loss (1/a)·softplus(a·(b − z_c)), z_c the standardised target output",
                        List.of(Param.real("a", 1, Range.greaterThan(0), "sharpness"), Param.real("b", 0, Range.ANY, "offset")),
                        p -> new ZLoss(p.real("a"), p.real("b"))),
                loss("spherical-mse", List.of(2), "squared error to the one-hot target on raw outputs, q − 2·o_c + 1", List.of(),
                        p -> new SphericalMse()),
                loss("log-taylor-softmax", List.of(2), "−log of the second-order Taylor softmax", List.of(), p -> new LogTaylorSoftmax()),
                loss("log-spherical-softmax", List.of(2), "−log((o_c² + eps)/(q + D·eps))",
                        List.of(Param.real("eps", 0.01, Range.greaterThan(0), "stability constant")),
                        p -> new LogSphericalSoftmax(p.real("eps"))),
                loss("stablemax-ce", List.of(44), "StableMax cross-entropy (s(x) = x+1 or 1/(1−x)), computed in float64", List.of(),
                        p -> new StableMaxCrossEntropy()),
                loss("l2-svm", List.of(31), "one-vs-rest squared hinge c·Σ_k max(0, 1 − t_k·o_k)² (+ ½‖W‖² with input output_weights)",
                        List.of(Param.real("c", 0.5, Range.greaterThan(0), "weight of the data term")),
                        p -> new L2Svm(p.real("c"))),
                loss("adv-comp-sum", List.of(4), "smooth adversarial comp-sum ℓ^τ + nu·‖Δ_h(x') − Δ_h(x)‖₂ (inputs logits, labels, adversarial_logits)",
                        List.of(Param.real("tau", 1, Range.atLeast(0), "comp-sum τ"), Param.real("nu", 1, Range.atLeast(0), "weight of the adversarial term"),
                                Param.real("gamma", AttackSettings.DEFAULT.gamma(), Range.greaterThan(0), "ℓ2 radius of the input ball (training)"),
                                Param.integer("pgd_steps", AttackSettings.DEFAULT.steps(), Range.atLeast(1), "PGD ascent steps (training)"),
                                Param.real("pgd_step_size", AttackSettings.DEFAULT.stepSize(), Range.greaterThan(0),
                                        "PGD step as a fraction of gamma (training)")),
                        p -> new AdversarialCompSum(p.real("tau"), p.real("nu"),
                                new AttackSettings(p.real("gamma"), p.integer("pgd_steps"), p.real("pgd_step_size")))));
    }

    private static Param margin(double def) {
        return Param.real("margin", def, Range.atLeast(0), "margin c added to every k ≠ y");
    }

    private static Param ncePart() {
        return Param.real("alpha", 5, Range.closed(0, 10), "weight of NCE; the passive term gets 10 − alpha");
    }

    private static List<String> normalizations() {
        return Arrays.stream(ScoreNormalization.values()).map(ScoreNormalization::label).toList();
    }

    private static Component<Objective> loss(
            String name, List<Integer> papers, String summary, List<Param> params, java.util.function.Function<dev.losslab.core.registry.Params, Objective> f) {
        return new Component<>(name, Kind.LOSS, FAMILY, papers, summary, params, f);
    }
}
