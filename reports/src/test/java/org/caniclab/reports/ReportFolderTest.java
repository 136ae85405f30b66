package org.caniclab.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report folder: checked and locked before a run, replaced whole, repaired after a killed writer. */
class ReportFolderTest {
    @TempDir
    Path dir;

    private static List<String> names(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static List<Path> report(Path staging, String marker, String... names) throws IOException {
        List<Path> files = new java.util.ArrayList<>();
        for (String n : names) {
            files.add(Files.writeString(staging.resolve(n), marker));
        }
        return files;
    }

    private static void writeReport(Path target, String marker) throws IOException {
        try (ReportFolder f = ReportFolder.lock(target)) {
            f.replace(staging -> report(staging, marker, "summary.json", "run-info.json"));
        }
    }

    @Test
    void replaceSwapsInTheNewFolderAndLeavesOnlyIt() throws IOException {
        Path target = dir.resolve("run");
        writeReport(target, "one");
        Files.writeString(target.resolve("extra.txt"), "of the first run");

        List<Path> written;
        try (ReportFolder f = ReportFolder.lock(target)) {
            written = f.replace(staging -> report(staging, "two", "summary.json", "run-info.json"));
        }

        assertEquals(List.of(target.resolve("summary.json"), target.resolve("run-info.json")), written);
        assertEquals(List.of("run-info.json", "summary.json"), names(target));
        assertEquals("two", Files.readString(target.resolve("summary.json")));
        assertEquals(List.of("run"), names(dir), "no lock, staging or old folder is left beside it");
    }

    @Test
    void aFailedWriteKeepsThePreviousReportAndLeavesNothingBeside() throws IOException {
        Path target = dir.resolve("run");
        writeReport(target, "one");

        try (ReportFolder f = ReportFolder.lock(target)) {
            assertThrows(IOException.class, () -> f.replace(staging -> {
                report(staging, "two", "summary.json");
                throw new IOException("disk full");
            }));
        }

        assertEquals("one", Files.readString(target.resolve("summary.json")));
        assertEquals(List.of("run"), names(dir));
    }

    @Test
    void aSecondWriterIsRefusedWhileTheFirstHoldsTheFolder() throws IOException {
        Path target = dir.resolve("run");
        try (ReportFolder first = ReportFolder.lock(target)) {
            ReportFolderException e = assertThrows(ReportFolderException.class, () -> ReportFolder.lock(target));
            assertEquals("'" + target + "' is being written by another process (pid " + ProcessHandle.current().pid()
                    + "), which holds " + dir.toRealPath().resolve(".run.lock") + "; accepted: one writer per report "
                    + "folder at a time: wait for it or write elsewhere", e.getMessage());
            first.replace(staging -> report(staging, "first", "summary.json"));
        }
        writeReport(target, "second"); // free again once the first is closed
        assertEquals("second", Files.readString(target.resolve("summary.json")));
    }

    @Test
    void createsMissingParentsAndRemovesThemWhenNothingWasWritten() throws IOException {
        Path target = dir.resolve("a/b/run");
        try (ReportFolder f = ReportFolder.lock(target)) {
            assertTrue(Files.isDirectory(dir.resolve("a/b")));
            assertTrue(Files.isRegularFile(dir.resolve("a/b/.run.lock")));
        }
        assertEquals(List.of(), names(dir), "the parents it made are gone with the lock file");

        writeReport(target, "one");
        assertEquals(List.of("run"), names(dir.resolve("a/b")));
    }

    @Test
    void restoresThePreviousReportWhenKilledBetweenTheTwoRenames() throws IOException {
        Path target = dir.resolve("run");
        writeReport(target, "previous");
        // What a writer killed after renaming the report away and before renaming its new one in leaves behind.
        Files.move(target, dir.resolve(".run.old-4242"));
        Files.createDirectory(dir.resolve(".run.tmp-4242"));
        Files.writeString(dir.resolve(".run.tmp-4242/summary.json"), "new, complete but never swapped in");
        Files.writeString(dir.resolve(".run.lock"), "4242 stale\n");

        try (ReportFolder f = ReportFolder.lock(target)) {
            assertEquals("previous", Files.readString(target.resolve("summary.json")));
            assertEquals(List.of(".run.lock", "run"), names(dir));
        }
        assertEquals(List.of("run"), names(dir));
    }

    @Test
    void dropsTheOldFolderWhenKilledAfterTheNewOneWasSwappedIn() throws IOException {
        Path target = dir.resolve("run");
        writeReport(target, "old");
        Files.move(target, dir.resolve(".run.old-17"));
        writeReport(target, "new");
        Files.createDirectory(dir.resolve(".run.tmp-99")); // a half-written report of yet another killed run

        ReportFolder.lock(target).close();

        assertEquals("new", Files.readString(target.resolve("summary.json")));
        assertEquals(List.of("run"), names(dir));
    }

    @Test
    void leavesTheLeftoversOfAnotherFolderWithASimilarNameAlone() throws IOException {
        Files.createDirectory(dir.resolve(".run.tmp-1.tmp-5")); // staging of a folder named "run.tmp-1"
        Files.createDirectory(dir.resolve(".run2.tmp-5"));

        writeReport(dir.resolve("run"), "one");

        assertEquals(List.of(".run.tmp-1.tmp-5", ".run2.tmp-5", "run"), names(dir));
    }

    @Test
    void refusesAFolderThatHoldsNoReportAndLeavesItAsItWas() throws IOException {
        Path mine = Files.createDirectory(dir.resolve("mine"));
        Files.writeString(mine.resolve("thesis.tex"), "precious");

        ReportFolderException e = assertThrows(ReportFolderException.class, () -> ReportFolder.lock(mine));

        assertTrue(e.getMessage().startsWith("'" + mine + "' is a folder that holds no report"), e.getMessage());
        assertEquals(List.of("thesis.tex"), names(mine));
        assertEquals(List.of("mine"), names(dir));
    }

    @Test
    void refusesPathsThatCannotBeAReportFolderAndCreatesNothing() throws IOException {
        Path file = Files.writeString(dir.resolve("afile"), "x");
        Path dangling = Files.createSymbolicLink(dir.resolve("dangling"), dir.resolve("nowhere"));
        List<String> before = names(dir);

        assertRefused(Path.of(""), "'' is empty; accepted: ");
        assertRefused(file, "'" + file + "' is a file, not a folder; accepted: ");
        assertRefused(file.resolve("sub"), "'" + file.resolve("sub") + "' cannot be created: " + file
                + " is a file, not a folder; accepted: ");
        assertRefused(dangling, "'" + dangling + "' is a link to " + dir.resolve("nowhere")
                + ", which does not exist; accepted: ");
        if (Files.exists(Path.of("/dev/null"))) {
            assertRefused(Path.of("/dev/null"), "'/dev/null' is a device or other special file, not a folder; ");
        }
        assertEquals(before, names(dir));
    }

    @Test
    void followsALinkToAReportFolderAndKeepsTheLink() throws IOException {
        Path real = dir.resolve("real");
        writeReport(real, "one");
        Path link = Files.createSymbolicLink(dir.resolve("link"), real);

        writeReport(link, "two");

        assertTrue(Files.isSymbolicLink(link));
        assertEquals("two", Files.readString(real.resolve("summary.json")));
        assertEquals(List.of("link", "real"), names(dir));
    }

    @Test
    void acceptsAFolderHoldingOnlyAnErrorLog() throws IOException {
        Path target = Files.createDirectory(dir.resolve("run"));
        Files.writeString(target.resolve("error.log"), "an earlier internal error");

        writeReport(target, "one");

        assertEquals(List.of("run-info.json", "summary.json"), names(target));
    }

    private static void assertRefused(Path path, String messageStart) {
        ReportFolderException e = assertThrows(ReportFolderException.class, () -> ReportFolder.lock(path));
        assertTrue(e.getMessage().startsWith(messageStart), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    @Test
    void lockingDeletesTheSpillFilesAKilledRunLeftAndHandsOutItsOwnPlace() throws IOException {
        Path target = dir.resolve("run");
        writeReport(target, "one");
        Path leftover = Files.writeString(dir.resolve(".run.spill-999999-3.bin"), "rows");
        Path otherFolders = Files.writeString(dir.resolve(".other.spill-999999-3.bin"), "rows");
        try (ReportFolder f = ReportFolder.lock(target)) {
            assertFalse(Files.exists(leftover));
            assertTrue(Files.exists(otherFolders), "another folder's files are its own business");
            assertEquals(dir.toRealPath(), f.spillFiles().directory());
        }
    }
}
