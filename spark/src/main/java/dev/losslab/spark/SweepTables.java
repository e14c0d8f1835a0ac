package dev.losslab.spark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * A sweep's result table, one row per run with every parameter, the seed, the fold, the metrics
 * (the loss of each epoch as a list), wall time and executor: {@code results.csv} (one file) and
 * {@code results.parquet} (Spark's Parquet folder). Both are rewritten whole from the run log, so
 * a retried or resumed run appears once.
 */
public final class SweepTables {
    static final StructType SCHEMA = new StructType(new StructField[] {
        field("id", DataTypes.StringType), field("data", DataTypes.StringType), field("label", DataTypes.StringType), field("loss", DataTypes.StringType),
        field("loss_params", DataTypes.StringType), field("optimizer", DataTypes.StringType), field("opt_params", DataTypes.StringType),
        field("lr", DataTypes.DoubleType), field("schedule", DataTypes.StringType), field("schedule_params", DataTypes.StringType), field("noise", DataTypes.StringType), field("model", DataTypes.StringType), field("epochs", DataTypes.IntegerType),
        field("batch", DataTypes.IntegerType), field("seed", DataTypes.LongType), field("folds", DataTypes.IntegerType), field("fold", DataTypes.IntegerType),
        field("test_fraction", DataTypes.DoubleType), field("status", DataTypes.StringType), field("error", DataTypes.StringType),
        field("val_accuracy", DataTypes.DoubleType), field("test_accuracy", DataTypes.DoubleType),
        field("epoch_loss", DataTypes.createArrayType(DataTypes.DoubleType)), field("wall_ms", DataTypes.LongType), field("executor", DataTypes.StringType),
        field("attempt", DataTypes.IntegerType)});

    private static final int EPOCH_LOSS = java.util.Arrays.asList(SCHEMA.fieldNames()).indexOf("epoch_loss");

    private SweepTables() {}

    private static StructField field(String name, org.apache.spark.sql.types.DataType type) {
        return DataTypes.createStructField(name, type, true);
    }

    /** One table row of {@code r}, in {@link #SCHEMA}'s order. */
    static Object[] values(RunResult r) {
        GridPoint p = r.point();
        List<Double> losses = new ArrayList<>();
        Arrays.stream(r.epochLoss()).forEach(losses::add);
        return new Object[] {p.id(), p.data(), p.label(), p.loss(), p.lossParams().toString(), p.optimizer(), p.optParams().toString(), p.lr(), p.schedule(),
            p.scheduleParams().toString(), p.noise(),
            p.model(), p.epochs(), p.batch(), p.seed(), p.folds(), p.fold(), p.testFraction(), r.status(), r.error(), r.validationAccuracy(),
            r.testAccuracy(), losses, r.wallMs(), r.executor(), r.attempt()};
    }

    /** Writes {@code results.csv} and {@code results.parquet} into {@code out}. */
    public static void write(List<RunResult> rows, SparkSession spark, Path out) throws IOException {
        StringBuilder csv = new StringBuilder(Arrays.stream(SCHEMA.fieldNames()).collect(Collectors.joining(","))).append('\n');
        List<Row> sparkRows = new ArrayList<>();
        for (RunResult r : rows) {
            Object[] v = values(r);
            csv.append(Arrays.stream(v).map(SweepTables::csvCell).collect(Collectors.joining(","))).append('\n');
            Object[] forSpark = v.clone();
            forSpark[EPOCH_LOSS] = scala.jdk.javaapi.CollectionConverters.asScala((List<?>) v[EPOCH_LOSS]).toSeq();
            sparkRows.add(RowFactory.create(forSpark));
        }
        Files.writeString(out.resolve("results.csv"), csv.toString(), StandardCharsets.UTF_8);
        spark.createDataFrame(sparkRows, SCHEMA).coalesce(1).write().mode(SaveMode.Overwrite).parquet(out.resolve("results.parquet").toString());
    }

    private static String csvCell(Object value) {
        String s;
        if (value == null) {
            s = "";
        } else if (value instanceof List<?> list) {
            s = list.stream().map(x -> String.format(Locale.ROOT, "%.6g", (Double) x)).collect(Collectors.joining(";"));
        } else if (value instanceof Double d) {
            s = Double.isNaN(d) ? "NaN" : Double.toString(d);
        } else {
            s = value.toString();
        }
        return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
