package org.caniclab.sim.load;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.caniclab.sim.engine.Engine;
import org.caniclab.sim.input.InputFileException;
import org.caniclab.sim.input.TraceException;
import org.caniclab.sim.input.TraceReader;
import org.caniclab.sim.input.TraceRow;

/**
 * Replays a CSV trace of arrivals, reading one row ahead: memory does not grow with the trace.
 *
 * <p>The format is {@link TraceReader}'s, the same reader the scenario loader checks the trace with. A row
 * that cannot be replayed (the file changed since it was checked, or the process was built directly) stops
 * the run with a {@link TraceFormatException} naming the file and line.
 */
final class TraceProcess extends ArrivalProcess {
    private final Path file;
    private final Map<String, Pool> pools;
    private TraceReader reader;
    private Pool nextPool;

    TraceProcess(Path file, Optional<String> defaultPool, Map<String, Pool> pools, Engine engine, long endNanos) {
        super(engine, endNanos);
        this.file = file;
        this.pools = pools;
        if (defaultPool.isPresent() && !pools.containsKey(defaultPool.get())) {
            throw new TraceFormatException(file, 0, "default pool '" + defaultPool.get() + "' is not a pool of the "
                    + "scenario; accepted: " + String.join(", ", pools.keySet()));
        }
        try {
            this.reader = TraceReader.open(file, pools.keySet(), defaultPool);
        } catch (InputFileException e) {
            throw new TraceFormatException(file, 0, "cannot read trace: " + e.reason(), e);
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
        TraceRow row;
        try {
            row = reader.next();
        } catch (TraceException e) {
            close();
            throw new TraceFormatException(file, e.line(), e.problem(), e);
        }
        if (row == null) {
            return -1;
        }
        nextPool = pools.get(row.pool());
        return row.timeNanos();
    }

    @Override
    public void close() {
        if (reader != null) {
            reader.close();
            reader = null;
        }
    }
}
