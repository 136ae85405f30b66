package org.caniclab.sim.load;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.caniclab.sim.engine.Engine;

/**
 * Replays a CSV trace of arrivals, reading one row ahead: memory does not grow with the trace.
 *
 * <p>Format: an optional header naming the columns ({@code time_s} required, {@code pool} optional, other
 * columns ignored); without a header the columns are {@code time_s[,pool]}. Times are seconds from the
 * start of the run, non-decreasing; an empty or absent pool means the source's default pool. Blank lines
 * and lines starting with {@code #} are skipped. Any other row that cannot be replayed stops the run with
 * a {@link TraceFormatException} naming the file and line.
 */
final class TraceProcess extends ArrivalProcess {
    private final Path file;
    private final String defaultPool;
    private final Map<String, Pool> pools;
    private BufferedReader reader;
    private long lineNumber;
    private int timeColumn = 0;
    private int poolColumn = 1;
    private int columns = -1; // -1: no header, at most 2 columns
    private boolean firstLine = true;
    private long lastTime;
    private Pool nextPool;

    TraceProcess(Path file, String defaultPool, Map<String, Pool> pools, Engine engine, long endNanos) {
        super(engine, endNanos);
        this.file = file;
        this.defaultPool = defaultPool == null || defaultPool.isEmpty() ? null : defaultPool;
        this.pools = pools;
        if (this.defaultPool != null && !pools.containsKey(this.defaultPool)) {
            throw new TraceFormatException(file, 0, "default pool '" + defaultPool + "' is not a pool of the "
                    + "scenario; accepted: " + pools.keySet());
        }
        try {
            this.reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new TraceFormatException(file, 0, "cannot read trace: " + e, e);
        }
    }

    @Override
    void deliver() {
        nextPool.arrive();
    }

    @Override
    long next() {
        if (reader == null) {
            return -1;
        }
        try {
            String line;
            while ((line = reader.readLine()) != null) {
                lineNumber++;
                String trimmed = line.strip();
                if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                    continue;
                }
                String[] fields = trimmed.split(",", -1);
                if (firstLine) {
                    firstLine = false;
                    if (isHeader(fields)) {
                        readHeader(fields);
                        continue;
                    }
                }
                return row(fields);
            }
            return -1;
        } catch (IOException e) {
            throw new TraceFormatException(file, lineNumber, "cannot read trace: " + e, e);
        }
    }

    private static boolean isHeader(String[] fields) {
        for (String f : fields) {
            if (f.strip().equals("time_s")) {
                return true;
            }
        }
        return false;
    }

    private void readHeader(String[] fields) {
        timeColumn = -1;
        poolColumn = -1;
        for (int i = 0; i < fields.length; i++) {
            String f = fields[i].strip();
            if (f.equals("time_s")) {
                timeColumn = i;
            } else if (f.equals("pool")) {
                poolColumn = i;
            }
        }
        columns = fields.length;
    }

    private long row(String[] fields) {
        if (columns < 0 ? fields.length > 2 : fields.length != columns) {
            throw problem("row has " + fields.length + " fields; expected "
                    + (columns < 0 ? "time_s[,pool]" : columns + " as in the header"));
        }
        String timeText = fields[timeColumn].strip();
        double seconds;
        try {
            seconds = Double.parseDouble(timeText);
        } catch (NumberFormatException e) {
            throw problem("time_s '" + timeText + "' is not a number; expected seconds >= 0, e.g. 1.25");
        }
        if (!(seconds >= 0) || Double.isInfinite(seconds) || seconds > Long.MAX_VALUE / 1e9) {
            throw problem("time_s " + timeText + " is out of range; expected finite seconds >= 0");
        }
        long t = Math.round(seconds * 1e9);
        if (t < lastTime) {
            throw problem("time_s " + timeText + " is earlier than the previous row; rows must be in "
                    + "non-decreasing time");
        }
        lastTime = t;
        String poolName = poolColumn >= 0 && poolColumn < fields.length ? fields[poolColumn].strip() : "";
        if (poolName.isEmpty()) {
            if (defaultPool == null) {
                throw problem("row names no pool and the trace source has no default pool");
            }
            poolName = defaultPool;
        }
        Pool p = pools.get(poolName);
        if (p == null) {
            throw problem("pool '" + poolName + "' is not a pool of the scenario; accepted: " + pools.keySet());
        }
        nextPool = p;
        return t;
    }

    private TraceFormatException problem(String what) {
        close();
        return new TraceFormatException(file, lineNumber, what);
    }

    @Override
    public void close() {
        if (reader != null) {
            try {
                reader.close();
            } catch (IOException ignored) {
                // nothing was written; a failed close loses nothing
            }
            reader = null;
        }
    }
}
