package dev.losslab.spark;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The sweep's append-only record of finished runs, {@code runs.jsonl} (one JSON object per line),
 * written by the driver as each run returns. Rows are keyed by the point's {@link GridPoint#id}: a
 * later row for the same id replaces an earlier one, so a retried or resumed run never counts
 * twice. A line cut short by a crash is ignored when the log is read back.
 */
public final class ResultLog implements AutoCloseable {
    private static final Gson GSON = new GsonBuilder().serializeSpecialFloatingPointValues().create();

    private final Map<String, RunResult> rows = new LinkedHashMap<>();
    private final BufferedWriter writer;

    private ResultLog(Path file, boolean keep) throws IOException {
        if (keep && Files.exists(file)) {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                RunResult r = parse(line);
                if (r != null) {
                    rows.put(r.point().id(), r);
                }
            }
        }
        writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                keep ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
    }

    /** Opens {@code file}: with {@code resume} its rows are read and new rows appended, otherwise it starts empty. */
    public static ResultLog open(Path file, boolean resume) throws IOException {
        return new ResultLog(file, resume);
    }

    /** Whether {@code point} already has a finished (ok or diverged) run. */
    public synchronized boolean finished(GridPoint point) {
        RunResult r = rows.get(point.id());
        return r != null && r.finished();
    }

    /** Records a run (replacing any earlier row of its point) and flushes it to disk. */
    public synchronized void add(RunResult result) {
        rows.put(result.point().id(), result);
        try {
            writer.write(GSON.toJson(result));
            writer.newLine();
            writer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The current row of each of {@code points} that has one, in the points' order. */
    public synchronized List<RunResult> rowsFor(Collection<GridPoint> points) {
        List<RunResult> out = new ArrayList<>();
        for (GridPoint p : points) {
            RunResult r = rows.get(p.id());
            if (r != null) {
                out.add(r);
            }
        }
        return out;
    }

    private static RunResult parse(String line) {
        if (line.isBlank()) {
            return null;
        }
        try {
            JsonObject o = JsonParser.parseString(line).getAsJsonObject();
            return GSON.fromJson(o, RunResult.class);
        } catch (RuntimeException e) {
            return null; // a line cut short when the driver died: that run is simply not finished
        }
    }

    @Override
    public synchronized void close() throws IOException {
        writer.close();
    }
}
