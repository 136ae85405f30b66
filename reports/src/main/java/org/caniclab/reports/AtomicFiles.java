package org.caniclab.reports;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes a file so that readers only ever see the old content or the complete new content: the
 * body goes to a temporary file in the target's directory (same file system, so the rename can be
 * atomic) and is then moved over the target. A run interrupted mid-write leaves at most a stray
 * hidden {@code .tmp} file, never a truncated file. A whole report is made one run's by {@link ReportFolder}, which
 * has these files written into a staging folder.
 */
final class AtomicFiles {

    /** Streams a file's content; lets large CSVs be written without building them in memory. */
    @FunctionalInterface
    interface Body {
        void writeTo(OutputStream out) throws IOException;
    }

    private static final AtomicLong COUNTER = new AtomicLong();
    private static final Set<PosixFilePermission> READABLE_BY_ALL =
            PosixFilePermissions.fromString("rw-r--r--");

    private AtomicFiles() {}

    static Path write(Path target, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return write(target, out -> out.write(bytes));
    }

    static Path write(Path target, Body body) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Path tmp = null;
        OutputStream raw = null;
        // CREATE_NEW: never follows or reuses anything already at the name (a stale file of a killed process that had
        // this pid: then the next name). Not createTempFile, whose random names come from a SecureRandom that a short
        // replay would seed for this alone.
        for (int attempt = 0; raw == null; attempt++) {
            tmp = dir.resolve("." + target.getFileName() + "." + ReportFolder.PID + "-" + COUNTER.incrementAndGet() + ".tmp");
            try {
                raw = Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            } catch (FileAlreadyExistsException e) {
                if (attempt >= 100) {
                    throw e;
                }
            }
        }
        try {
            try (OutputStream out = new BufferedOutputStream(raw)) {
                body.writeTo(out);
            }
            readableByAll(tmp);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException | FileAlreadyExistsException e) {
                // Some file systems cannot rename atomically, or not over an existing file.
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
        ReportFolder.pause();
        return target;
    }

    // Whatever the umask: a report is meant to be shared (CI artifacts, other users). The view is null where the
    // file system has no POSIX permissions.
    private static void readableByAll(Path file) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        if (view != null) {
            view.setPermissions(READABLE_BY_ALL);
        }
    }
}
