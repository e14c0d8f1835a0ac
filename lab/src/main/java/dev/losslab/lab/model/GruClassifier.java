package dev.losslab.lab.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.recurrent.GRU;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.util.Pair;
import dev.losslab.core.InputNames;
import dev.losslab.core.InvalidArgumentException;
import dev.losslab.core.Objective;
import dev.losslab.core.classification.margin.L2Svm;
import dev.losslab.core.classification.softmax.CrossEntropy;
import dev.losslab.train.InputSource;
import dev.losslab.train.Training;
import java.util.Random;

/**
 * The GRU classifier of paper 31 (Agarap 2018): a sequence of T one-hot tokens (vocabulary V,
 * flattened to T·V input columns, see {@code QuantileTokens}) → input dropout → one GRU layer of
 * {@code cellSize} units → last hidden state h → linear head o = hW + b with K outputs, trained
 * either as GRU-SVM ({@link Head#SVM}: the L2-SVM loss, c·Σ squared hinge + ½‖W‖² on the head
 * weights only) or as GRU-Softmax ({@link Head#SOFTMAX}: cross-entropy).
 *
 * <p>Initialisation (seeded, drawn in Java): head W ~ N(0, 0.01²) and b = 0.1 as in the official
 * code; GRU weights and biases U(−1/√cellSize, 1/√cellSize) (PyTorch's GRU default; the official
 * TensorFlow cell's initialiser is not reproduced). Choices that differ from the official trainer,
 * which carries the final GRU state of one training batch into the next: every batch starts
 * from a zero state (as the official validation and test batches do). Dropout draws from the
 * engine's random state, so runs with {@code inputDropout > 0} are not bit-reproducible.
 */
public final class GruClassifier {
    /** The output head and its loss. */
    public enum Head {
        /** L2-SVM (one-vs-rest squared hinge, ±1 targets) + ½‖W‖². */
        SVM,
        /** Softmax cross-entropy, no extra L2. */
        SOFTMAX
    }

    private final SequentialBlock block;
    private final Parameter outputWeight;
    private final Head head;
    private final double c;

    private GruClassifier(SequentialBlock block, Parameter outputWeight, Head head, double c) {
        this.block = block;
        this.outputWeight = outputWeight;
        this.head = head;
        this.c = c;
    }

    public static Builder builder() {
        return new Builder();
    }

    public SequentialBlock block() {
        return block;
    }

    public Head head() {
        return head;
    }

    /** The head weight W (the only parameter under the SVM head's ½‖W‖²). */
    public Parameter outputWeight() {
        return outputWeight;
    }

    /** The head's training objective: {@code l2-svm(c)} or {@code cross-entropy}. */
    public Objective objective() {
        return head == Head.SVM ? new L2Svm(c) : new CrossEntropy();
    }

    /** A training loop for this model and head; the SVM head is fed its output weights. */
    public Training training(Optimizer optimizer, NDManager manager) {
        return new Training(block, objective(), optimizer, manager).feedIfRead(InputNames.OUTPUT_WEIGHTS, InputSource.parameter(outputWeight));
    }

    /** Configures and builds a {@link GruClassifier}. */
    public static final class Builder {
        private int sequenceLength;
        private int vocabulary;
        private int cellSize = 32;
        private int classes = 2;
        private float inputDropout;
        private Head head = Head.SVM;
        private double c = 0.5;
        private long seed;

        private Builder() {}

        /** T, the number of tokens per sample. */
        public Builder sequenceLength(int t) {
            this.sequenceLength = t;
            return this;
        }

        /** V, the one-hot width of a token. */
        public Builder vocabulary(int v) {
            this.vocabulary = v;
            return this;
        }

        /** GRU units (official 256; spec 31's laptop version 32). */
        public Builder cellSize(int units) {
            this.cellSize = units;
            return this;
        }

        /** K, number of classes. */
        public Builder classes(int k) {
            this.classes = k;
            return this;
        }

        /** Dropout rate on the input tokens (official 1 − keep: 0.15 for SVM, 0.2 for softmax); default 0. */
        public Builder inputDropout(float rate) {
            this.inputDropout = rate;
            return this;
        }

        public Builder head(Head h) {
            this.head = h;
            return this;
        }

        /** The SVM head's c (official 0.5). */
        public Builder c(double value) {
            this.c = value;
            return this;
        }

        public Builder seed(long s) {
            this.seed = s;
            return this;
        }

        /** Builds the model on {@code manager} and initialises its parameters from the seed. */
        public GruClassifier build(NDManager manager) {
            positive("sequenceLength", sequenceLength);
            positive("vocabulary", vocabulary);
            positive("cellSize", cellSize);
            if (classes < 2) {
                throw new InvalidArgumentException("classes", "must be at least 2, got " + classes);
            }
            if (!(inputDropout >= 0 && inputDropout < 1)) {
                throw new InvalidArgumentException("inputDropout", "must be in [0, 1), got " + inputDropout);
            }
            if (head == null) {
                throw new InvalidArgumentException("head", "is required");
            }
            if (head == Head.SVM && !(c > 0)) {
                throw new InvalidArgumentException("c", "must be > 0, got " + c);
            }
            int t = sequenceLength;
            int v = vocabulary;
            SequentialBlock block = new SequentialBlock();
            block.add(new LambdaBlock(x -> new NDList(x.singletonOrThrow().reshape(-1, t, v))));
            if (inputDropout > 0) {
                block.add(Dropout.builder().optRate(inputDropout).build());
            }
            block.add(GRU.builder().setStateSize(cellSize).setNumLayers(1).optBatchFirst(true).optReturnState(false).build());
            block.add(new LambdaBlock(out -> new NDList(out.singletonOrThrow().get(":, -1, :"))));
            Linear linear = Linear.builder().setUnits(classes).build();
            block.add(linear);
            block.initialize(manager, DataType.FLOAT32, new Shape(1, (long) t * v));
            initialise(block, linear, cellSize, new Random(seed));
            return new GruClassifier(block, linear.getParameters().get("weight"), head, c);
        }

        private static void initialise(SequentialBlock block, Linear linear, int cellSize, Random rng) {
            double bound = 1 / Math.sqrt(cellSize);
            for (Pair<String, Parameter> p : block.getParameters()) {
                NDArray a = p.getValue().getArray();
                float[] values = new float[(int) a.getShape().size()];
                boolean isHead = linear.getParameters().values().contains(p.getValue());
                for (int i = 0; i < values.length; i++) {
                    if (!isHead) {
                        values[i] = (float) ((rng.nextDouble() * 2 - 1) * bound);
                    } else if (p.getValue().getType() == Parameter.Type.WEIGHT) {
                        values[i] = (float) (rng.nextGaussian() * 0.01);
                    } else {
                        values[i] = 0.1f;
                    }
                }
                ParameterValues.assign(a, values);
            }
        }

        private static void positive(String name, int value) {
            if (value < 1) {
                throw new InvalidArgumentException(name, "must be at least 1, got " + value);
            }
        }
    }
}
