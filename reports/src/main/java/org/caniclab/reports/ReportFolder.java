package org.caniclab.reports;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A report folder that always holds one run's complete report: it is checked and locked before the run, and a new
 * report is written whole into a hidden sibling folder that is then renamed into place, so a reader, a concurrent
 * writer or a killed run never sees the files of two runs side by side.
 *
 * <pre>{@code
 * try (ReportFolder folder = ReportFolder.lock(Path.of("out/steady"))) {   // checked and locked: nothing runs yet
 *     RunResult result = simulator.run(scenario, progress);
 *     List<Path> files = RunReportWriter.write(folder, result, info);     // staged, then swapped in
 * }
 * }</pre>
 *
 * <p>For a target {@code <parent>/<name>} the files beside it are {@code .<name>.lock} (held with
 * {@link FileChannel#tryLock()} while the folder is open; a second writer fails at once with
 * {@link ReportFolderException}), {@code .<name>.tmp-<pid>} (the new report while it is written) and
 * {@code .<name>.old-<pid>} (the previous report during the swap) and {@code .<name>.spill-<pid>-<n>.bin} (a long
 * run's rows past their memory bound, {@link #spillFiles()}). The swap renames the previous folder to
 * {@code .old}, the new one to {@code <name>}, then deletes the old one, so at every instant one complete report
 * exists under {@code <name>} or {@code .old}. Opening a folder first repairs what a killed writer left: with no
 * {@code <name>} but an {@code .old}, the {@code .old} is renamed back; remaining {@code .tmp}/{@code .old} folders
 * and spill files are deleted; a lock file whose owner died is simply locked again (the operating system released the lock) and
 * deleted on close. Once a report is being written a shutdown hook makes SIGINT/SIGTERM wait (at most
 * {@value #SHUTDOWN_WAIT_SECONDS} s) for the write and the swap to finish, and then releases the lock.
 *
 * <p>Accepted targets: a path that does not exist yet (missing parents are created, and removed again if nothing
 * was written), an empty folder, an earlier report (a folder with {@code summary.json}, {@code run-info.json} or a
 * sweep's {@code sweep.json}:
 * its extra files go with it), or a folder holding only an {@code error.log}. A link to such a folder is followed.
 * The guarantee is against processes dying, not against power loss (nothing is fsynced).
 */
public final class ReportFolder implements AutoCloseable {

    /** Writes a report's files into {@code dir} (the staging folder) and returns them, in their order. */
    @FunctionalInterface
    public interface Contents {
        List<Path> writeInto(Path dir) throws IOException;
    }

    /**
     * Test-only: milliseconds to sleep after each file and each rename of the write phase, so that a test can kill
     * the writer between any two of them. Unset (0) outside tests.
     */
    static final String STEP_DELAY_PROPERTY = "caniclab.test.report-step-delay-ms";
    static final int SHUTDOWN_WAIT_SECONDS = 10;
    private static final String ACCEPTED = "accepted: a path that does not exist yet, an empty folder or an earlier "
            + "report folder (with summary.json, run-info.json or sweep.json), inside a folder that can be written";
    /** This process's id, in every name a report's files are staged, spilled or locked under. */
    static final long PID = ProcessHandle.current().pid();
    private static final AtomicLong TOKENS = new AtomicLong();
    /**
     * Lock files this JVM holds. Closing any channel on a locked file drops the process's lock on it (POSIX), so a
     * second writer in the same JVM is refused here, before it opens a channel of its own.
     */
    private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

    private final Path given;
    private final Path target;
    private final Path parent;
    private final String name;
    private final Path lockFile;
    private final FileChannel channel;
    /** A second descriptor of the lock file, open until {@link #close()} (see {@link #acquire}). */
    private final FileChannel check;
    private final FileLock lock;
    private final List<Path> createdDirs;
    private volatile boolean written;
    private boolean closed;
    private Thread hook;
    private CountDownLatch writing;

    private ReportFolder(Path given, Path target, Path lockFile, FileChannel channel, FileChannel check, FileLock lock,
            List<Path> createdDirs) {
        this.given = given;
        this.target = target;
        this.parent = target.getParent();
        this.name = target.getFileName().toString();
        this.lockFile = lockFile;
        this.channel = channel;
        this.check = check;
        this.lock = lock;
        this.createdDirs = createdDirs;
    }

    /**
     * Checks {@code folder}, creates its missing parents, locks it against other writers and repairs what a killed
     * writer left beside it. Nothing of an existing report is changed until {@link #replace}.
     *
     * @throws ReportFolderException with one line naming the path and what is accepted, if it cannot be written
     */
    public static ReportFolder lock(Path folder) {
        Objects.requireNonNull(folder, "folder");
        Path target = checkTarget(folder);
        List<Path> created = makeParents(folder, target.getParent());
        try {
            Path parent;
            try {
                parent = target.getParent().toRealPath();
            } catch (IOException e) {
                throw new ReportFolderException(folder, "cannot be resolved (" + reason(e) + "); " + ACCEPTED, e);
            }
            target = parent.resolve(target.getFileName().toString());
            Path lockFile = parent.resolve("." + target.getFileName() + ".lock");
            ReportFolder f = acquire(folder, target, lockFile, created);
            try {
                f.recover();
                f.checkReplaceable();
            } catch (RuntimeException e) {
                f.close();
                throw e;
            }
            return f;
        } catch (RuntimeException e) {
            removeCreated(created);
            throw e;
        }
    }

    /** The folder as the caller named it. */
    public Path path() {
        return given;
    }

    /**
     * Where a run that writes into this folder spills its long timeline and events: beside the folder, as
     * {@code .<name>.spill-<pid>-<n>.bin}, so that they are on the report's file system and the next run into this
     * folder deletes what a killed one left (as it does its {@code .tmp} and {@code .old} folders).
     */
    public SpillFiles spillFiles() {
        return SpillFiles.in(parent, "." + name + ".spill-" + PID + "-");
    }

    /**
     * Writes a new report into a hidden sibling folder with {@code contents} and swaps it in for whatever the folder
     * held. If writing fails, the folder keeps what it held and the staging folder is deleted.
     *
     * @return the files {@code contents} wrote, as paths under {@link #path()}, in its order
     */
    public List<Path> replace(Contents contents) throws IOException {
        CountDownLatch done = new CountDownLatch(1);
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("report folder " + given + " is closed");
            }
            if (hook == null) {
                // SIGINT/SIGTERM while the report is written: the JVM waits for the write and the swap, then
                // releases the lock, so the folder is left whole and nothing beside it.
                Thread h = new Thread(() -> closeWhenWritten(), "report-folder-" + name);
                try {
                    Runtime.getRuntime().addShutdownHook(h);
                } catch (IllegalStateException e) {
                    throw new IOException("the JVM is shutting down; " + given + " was left as it was", e);
                }
                hook = h;
            }
            writing = done;
        }
        Path staging = parent.resolve("." + name + ".tmp-" + PID);
        Path old = parent.resolve("." + name + ".old-" + PID);
        try {
            deleteTree(staging);
            Files.createDirectory(staging);
            List<Path> files;
            try {
                files = contents.writeInto(staging);
                swap(staging, old);
            } catch (IOException | RuntimeException | Error e) {
                deleteQuietly(staging, e);
                throw e;
            }
            written = true;
            List<Path> out = new ArrayList<>(files.size());
            for (Path f : files) {
                out.add(given.resolve(staging.relativize(f).toString()));
            }
            return List.copyOf(out);
        } finally {
            done.countDown();
        }
    }

    /** Releases the lock and deletes the lock file; removes the parents {@link #lock} made if nothing was written. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (hook != null && Thread.currentThread() != hook) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // shutting down: the hook finds the folder closed
            }
        }
        try {
            // Deleted while still locked: a process that locks the file afterwards sees it is no longer at the path.
            Files.deleteIfExists(lockFile);
        } catch (IOException e) {
            // a stale lock file is harmless: the next writer locks it again and deletes it
        }
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            // closing the channel releases the lock in any case
        }
        closeQuietly(check);
        HELD.remove(lockFile);
        if (!written) {
            removeCreated(createdDirs);
        }
    }

    /** The shutdown hook: waits (bounded) for a write in progress, then closes; after the bound the next run repairs. */
    private void closeWhenWritten() {
        CountDownLatch w;
        synchronized (this) {
            w = writing;
        }
        try {
            if (w == null || w.await(SHUTDOWN_WAIT_SECONDS, TimeUnit.SECONDS)) {
                close();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Test-only pause between the steps of the write phase (see {@link #STEP_DELAY_PROPERTY}). */
    static void pause() {
        long ms = Long.getLong(STEP_DELAY_PROPERTY, 0);
        if (ms > 0) {
            try {
                Thread.sleep(ms);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void swap(Path staging, Path old) throws IOException {
        pause();
        if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            pause();
            return;
        }
        Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
        pause();
        try {
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            try {
                Files.move(old, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException | RuntimeException restore) {
                e.addSuppressed(restore); // left as .old: the next lock() renames it back
            }
            throw e;
        }
        pause();
        try {
            deleteTree(old);
        } catch (IOException e) {
            // the new report is in place; the next lock() deletes what is left of the old one
        }
    }

    /** Undoes what a writer killed mid-swap left: restores {@code .old} if the folder is missing, drops the rest. */
    private void recover() {
        // A spill file is .<name>.spill-<pid>-<n>.bin (see spillFiles()); like the others, only a dead run leaves one.
        Pattern leftover = Pattern.compile(Pattern.quote("." + name) + "\\.((tmp|old)-\\d+|spill-\\d+-\\d+\\.bin)");
        List<Path> olds = new ArrayList<>();
        List<Path> all = new ArrayList<>();
        try (Stream<Path> siblings = Files.list(parent)) {
            // The prefix first: the parent may be a large shared folder such as /tmp.
            String prefix = "." + name + ".";
            siblings.filter(p -> {
                String file = p.getFileName().toString();
                return file.startsWith(prefix) && leftover.matcher(file).matches();
            }).sorted().forEach(p -> {
                all.add(p);
                if (p.getFileName().toString().startsWith("." + name + ".old-")) {
                    olds.add(p);
                }
            });
        } catch (IOException e) {
            throw new ReportFolderException(given, "cannot be checked: listing " + parent + " failed (" + reason(e)
                    + "); " + ACCEPTED, e);
        }
        try {
            if (!olds.isEmpty() && !Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                Files.move(olds.get(0), target, StandardCopyOption.ATOMIC_MOVE);
                all.remove(olds.get(0));
            }
            for (Path p : all) {
                deleteTree(p);
            }
        } catch (IOException e) {
            throw new ReportFolderException(given, "cannot be repaired: the leftovers of a killed run beside it ("
                    + all + ") cannot be removed (" + reason(e) + "); remove them by hand", e);
        }
    }

    private void checkReplaceable() {
        if (!Files.isDirectory(target)) {
            return;
        }
        List<String> entries;
        try (Stream<Path> files = Files.list(target)) {
            entries = files.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new ReportFolderException(given, "cannot be read (" + reason(e) + "); " + ACCEPTED, e);
        }
        boolean report = entries.isEmpty() || entries.contains("summary.json") || entries.contains("run-info.json")
                || entries.contains("sweep.json") || entries.equals(List.of("error.log"));
        if (!report) {
            throw new ReportFolderException(given, "is a folder that holds no report (no summary.json, "
                    + "run-info.json or sweep.json) and a report replaces the whole folder, so it is left alone; " + ACCEPTED);
        }
        try {
            if (!Files.getFileStore(target).equals(Files.getFileStore(parent))) {
                throw new ReportFolderException(given, "is a mount point, which cannot be replaced by renaming; "
                        + "accepted: a folder inside it");
            }
        } catch (IOException e) {
            throw new ReportFolderException(given, "cannot be checked (" + reason(e) + "); " + ACCEPTED, e);
        }
    }

    private static Path checkTarget(Path given) {
        if (given.toString().isEmpty()) {
            throw new ReportFolderException(given, "is empty; " + ACCEPTED);
        }
        Path abs = given.toAbsolutePath().normalize();
        if (abs.getParent() == null || abs.getFileName() == null) {
            throw new ReportFolderException(given, "is the root of the file system; " + ACCEPTED);
        }
        if (Files.isSymbolicLink(abs)) {
            if (!Files.exists(abs)) {
                throw new ReportFolderException(given, "is a link to " + linkTarget(abs) + ", which does not exist; "
                        + ACCEPTED);
            }
            try {
                abs = abs.toRealPath();
            } catch (IOException e) {
                throw new ReportFolderException(given, "is a link that cannot be followed (" + reason(e) + "); "
                        + ACCEPTED, e);
            }
        }
        if (Files.exists(abs) && !Files.isDirectory(abs)) {
            throw new ReportFolderException(given, "is " + kind(abs) + ", not a folder; " + ACCEPTED);
        }
        if (abs.getParent() == null) {
            throw new ReportFolderException(given, "is the root of the file system; " + ACCEPTED);
        }
        return abs;
    }

    /** Creates the missing parents of the target, returning those it made, outermost first. */
    private static List<Path> makeParents(Path given, Path parent) {
        List<Path> missing = new ArrayList<>();
        Path p = parent;
        while (p != null && !Files.exists(p)) {
            if (Files.isSymbolicLink(p)) {
                throw new ReportFolderException(given, "cannot be created: " + p + " is a link to " + linkTarget(p)
                        + ", which does not exist; " + ACCEPTED);
            }
            missing.add(p);
            p = p.getParent();
        }
        if (p != null && !Files.isDirectory(p)) {
            throw new ReportFolderException(given, "cannot be created: " + p + " is " + kind(p) + ", not a folder; "
                    + ACCEPTED);
        }
        Collections.reverse(missing);
        List<Path> created = new ArrayList<>();
        for (Path d : missing) {
            try {
                Files.createDirectory(d);
                created.add(d);
            } catch (FileAlreadyExistsException e) {
                if (!Files.isDirectory(d)) {
                    removeCreated(created);
                    throw new ReportFolderException(given, "cannot be created: " + d + " is not a folder; " + ACCEPTED);
                }
            } catch (IOException e) {
                removeCreated(created);
                throw new ReportFolderException(given, "cannot be created (" + reason(e) + "); " + ACCEPTED, e);
            }
        }
        return created;
    }

    private static ReportFolder acquire(Path given, Path target, Path lockFile, List<Path> created) {
        for (int attempt = 0; attempt < 5; attempt++) {
            if (!HELD.add(lockFile)) {
                // Held in this JVM: the owner is this process, and reading the file would drop its lock.
                throw busy(given, lockFile, " (pid " + PID + ")");
            }
            FileChannel ch = null;
            try {
                try {
                    ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.READ,
                            StandardOpenOption.WRITE);
                } catch (IOException e) {
                    throw new ReportFolderException(given, "cannot be written: " + lockFile.getParent()
                            + " takes no new files (creating " + lockFile.getFileName() + " in it: " + why(e) + "); "
                            + ACCEPTED, e);
                }
                FileLock lock;
                try {
                    lock = ch.tryLock();
                } catch (OverlappingFileLockException e) {
                    throw busy(given, lockFile, " (pid " + PID + ")"); // this JVM, under another name of the file
                } catch (IOException e) {
                    throw new ReportFolderException(given, "cannot be locked: " + lockFile + " (" + reason(e) + "); "
                            + ACCEPTED, e);
                }
                if (lock == null) {
                    throw busy(given, lockFile, owner(lockFile));
                }
                // The previous holder deletes the file before it unlocks; if it did so after we opened it, the
                // file we hold is no longer at the path and we must start over with the one that is.
                // Unique to this acquisition (no two live processes share a pid, and the counter tells this process's
                // apart), without a SecureRandom: seeding one is a large part of a short replay's start-up.
                String token = PID + " " + System.nanoTime() + " " + TOKENS.incrementAndGet() + "\n";
                ch.truncate(0);
                ch.write(ByteBuffer.wrap(token.getBytes(StandardCharsets.UTF_8)), 0);
                // Read through a second channel kept open while the lock is held: closing any descriptor of the
                // file would drop this process's lock on it (POSIX), so no Files.readString here.
                FileChannel check = null;
                String atPath = null;
                try {
                    check = FileChannel.open(lockFile, StandardOpenOption.READ);
                    atPath = readAll(check);
                } catch (NoSuchFileException e) {
                    // gone: start over
                }
                if (token.equals(atPath)) {
                    return new ReportFolder(given, target, lockFile, ch, check, lock, created);
                }
                closeQuietly(check);
                lock.release();
                ch.close();
                HELD.remove(lockFile);
            } catch (IOException e) {
                closeQuietly(ch);
                HELD.remove(lockFile);
                throw new ReportFolderException(given, "cannot be locked: " + lockFile + " (" + reason(e) + "); "
                        + ACCEPTED, e);
            } catch (RuntimeException e) {
                closeQuietly(ch);
                HELD.remove(lockFile);
                throw e;
            }
        }
        throw new ReportFolderException(given, "cannot be locked: its lock file " + lockFile
                + " keeps being replaced by other processes; accepted: one writer per report folder at a time");
    }

    /** The owner's pid as the lock file says, {@code " (pid N)"}, or empty; only for a lock another process holds. */
    private static String owner(Path lockFile) {
        try {
            String text = Files.readString(lockFile, StandardCharsets.UTF_8).strip();
            String pid = text.isEmpty() ? "" : text.split(" ", 2)[0];
            return pid.matches("\\d{1,19}") ? " (pid " + pid + ")" : "";
        } catch (IOException | RuntimeException e) {
            return ""; // the owner is unknown; the message still names the lock file
        }
    }

    private static ReportFolderException busy(Path given, Path lockFile, String owner) {
        return new ReportFolderException(given, "is being written by another process" + owner + ", which holds "
                + lockFile + "; accepted: one writer per report folder at a time: wait for it or write elsewhere");
    }

    private static String readAll(FileChannel ch) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(256);
        while (buf.hasRemaining() && ch.read(buf, buf.position()) > 0) {
            // read on
        }
        return new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8);
    }

    private static String kind(Path p) {
        try {
            BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
            return a.isRegularFile() ? "a file" : a.isOther() ? "a device or other special file" : "not a folder";
        } catch (IOException e) {
            return "unreadable (" + reason(e) + ")";
        }
    }

    private static String linkTarget(Path link) {
        try {
            return Files.readSymbolicLink(link).toString();
        } catch (IOException e) {
            return "an unreadable path";
        }
    }

    /** An I/O failure as a short clause: what failed and why, without the exception's class name. */
    static String reason(IOException e) {
        if (e instanceof AccessDeniedException a) {
            return "permission denied: " + a.getFile();
        }
        if (e instanceof NoSuchFileException n) {
            return n.getFile() + " does not exist";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getFile() + ": " + f.getReason();
        }
        return String.valueOf(e.getMessage());
    }

    /** Why an operation on a known file failed, without the file's name. */
    private static String why(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or folder";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return String.valueOf(e.getMessage());
    }

    private static void removeCreated(List<Path> created) {
        for (int i = created.size() - 1; i >= 0; i--) {
            try {
                Files.deleteIfExists(created.get(i));
            } catch (IOException e) {
                return; // not empty any more (another writer uses it) or gone: keep the rest
            }
        }
    }

    private static void deleteQuietly(Path dir, Throwable failure) {
        try {
            deleteTree(dir);
        } catch (IOException e) {
            failure.addSuppressed(e); // the next lock() deletes the leftover
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(dir)) {
            paths = walk.sorted(Comparator.reverseOrder()).toList();
        }
        for (Path p : paths) {
            Files.deleteIfExists(p);
        }
    }

    private static void closeQuietly(FileChannel ch) {
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException e) {
                // nothing to do
            }
        }
    }
}
