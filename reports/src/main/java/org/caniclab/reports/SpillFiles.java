package org.caniclab.reports;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Where a run's {@link SpooledRows} put the rows that do not fit their memory bound, and whether rows are kept at
 * all: beside a locked report folder ({@link ReportFolder#spillFiles()}, where the next run into that folder deletes
 * what a killed one left), in {@code java.io.tmpdir} ({@link #temporary()}, where files of processes that no longer
 * run are deleted when the next process spills), or nowhere ({@link #discardingRows()}: a run whose rows nobody
 * reads, such as a sweep's, keeps only what its summary needs).
 *
 * <pre>{@code
 * SpillFiles spill = folder.spillFiles();                        // replay: beside out/steady
 * SpooledRows<OrchestrationEvent> events = SpooledRows.events(spill);
 * SpillFiles sweep = SpillFiles.temporary().discardingRows();    // a sweep's run: no timeline kept
 * SpillFiles small = SpillFiles.temporary().withMemoryRows(100); // tests: spill early
 * }</pre>
 */
public final class SpillFiles {
    /** Rows a spool keeps in memory before it spills: about 4 MB of timeline rows. */
    public static final int DEFAULT_MEMORY_ROWS = 65_536;
    private static final String TEMPORARY_PREFIX = "caniclab-spill-";
    private static final Pattern TEMPORARY = Pattern.compile(Pattern.quote(TEMPORARY_PREFIX) + "(\\d{1,19})-\\d+\\.bin");
    private static final AtomicLong SEQUENCE = new AtomicLong();
    /** The temporary folder is swept of dead processes' files once per JVM, at its first spill there. */
    private static final AtomicBoolean SWEPT = new AtomicBoolean();

    private final Path dir;
    private final String prefix;
    private final boolean temporary;
    private final int memoryRows;
    private final boolean keepRows;

    private SpillFiles(Path dir, String prefix, boolean temporary, int memoryRows, boolean keepRows) {
        this.dir = Objects.requireNonNull(dir, "dir");
        this.prefix = prefix;
        this.temporary = temporary;
        if (memoryRows < 0) {
            throw new IllegalArgumentException("memoryRows must be >= 0, got " + memoryRows);
        }
        this.memoryRows = memoryRows;
        this.keepRows = keepRows;
    }

    /** Spill files in {@code java.io.tmpdir}, named {@code caniclab-spill-<pid>-<n>.bin}. */
    public static SpillFiles temporary() {
        return new SpillFiles(Path.of(System.getProperty("java.io.tmpdir")), TEMPORARY_PREFIX + ReportFolder.PID + "-",
                true,
                DEFAULT_MEMORY_ROWS, true);
    }

    /** Spill files {@code <prefix><n>.bin} in {@code dir}, a folder whose leftovers someone else cleans. */
    static SpillFiles in(Path dir, String prefix) {
        return new SpillFiles(dir, prefix, false, DEFAULT_MEMORY_ROWS, true);
    }

    /** The same place with another memory bound (0: every row spills). */
    public SpillFiles withMemoryRows(int rows) {
        return new SpillFiles(dir, prefix, temporary, rows, keepRows);
    }

    /**
     * Spools that drop the rows past their memory bound instead of spilling them (their count and everything
     * computed while appending, such as a timeline's chart and warm-up, stay); reading their rows then fails.
     */
    public SpillFiles discardingRows() {
        return new SpillFiles(dir, prefix, temporary, 0, false);
    }

    /** This place for rows that must be kept whatever {@link #discardingRows()} said (a summary's own inputs). */
    SpillFiles keeping() {
        return keepRows ? this : new SpillFiles(dir, prefix, temporary, DEFAULT_MEMORY_ROWS, true);
    }

    int memoryRows() {
        return memoryRows;
    }

    /**
     * False after {@link #discardingRows()}: whoever reads the run reads its summary only, so a producer may leave
     * out what only the rows' readers use (the simulator's runs then carry no latency histograms).
     */
    public boolean keepsRows() {
        return keepRows;
    }

    /** The folder spill files go to. */
    public Path directory() {
        return dir;
    }

    /** A new, empty spill file. */
    Path create() throws IOException {
        if (temporary && SWEPT.compareAndSet(false, true)) {
            sweepDeadProcesses(dir);
        }
        Files.createDirectories(dir);
        for (int attempt = 0; ; attempt++) {
            Path file = dir.resolve(prefix + SEQUENCE.incrementAndGet() + ".bin");
            try {
                return Files.createFile(file);
            } catch (java.nio.file.FileAlreadyExistsException e) {
                if (attempt >= 100) {
                    throw e;
                }
            }
        }
    }

    /** Deletes the temporary spill files of processes that are no longer running (killed before they cleaned up). */
    static void sweepDeadProcesses(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            files.forEach(f -> {
                Matcher m = TEMPORARY.matcher(f.getFileName().toString());
                if (m.matches()) {
                    long pid;
                    try {
                        pid = Long.parseLong(m.group(1));
                    } catch (NumberFormatException e) {
                        return;
                    }
                    if (pid != ReportFolder.PID && ProcessHandle.of(pid).isEmpty()) {
                        try {
                            Files.deleteIfExists(f);
                        } catch (IOException e) {
                            // another user's, or gone: leave it
                        }
                    }
                }
            });
        } catch (IOException | RuntimeException e) {
            // an unreadable temporary folder: nothing to sweep; creating the file will say what is wrong
        }
    }
}
