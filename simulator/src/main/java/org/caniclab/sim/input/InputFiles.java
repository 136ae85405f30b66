package org.caniclab.sim.input;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Opens the simulator's input files, regular files only: the type is checked before the file is opened, so
 * a FIFO (which would block the open), a directory or a device such as {@code /dev/zero} (which never ends)
 * is refused at once. Symbolic links are followed. Text is UTF-8, a leading byte-order mark is skipped.
 *
 * <pre>{@code
 * String toml = InputFiles.readSmall(Path.of("scenarios/steady.toml"));   // at most SMALL_FILE_LIMIT bytes
 * try (BufferedReader r = InputFiles.openText(trace)) { ... }             // streamed, any size
 * }</pre>
 */
public final class InputFiles {
    /** The most bytes a scenario file or a {@code canic.toml} may have: 4 MiB (documented in scenarios/README.md). */
    public static final long SMALL_FILE_LIMIT = 4L * 1024 * 1024;

    private static final char BOM = '\uFEFF';

    private InputFiles() {}

    /**
     * Checks that {@code path} is a regular file, without opening it.
     *
     * @return its size in bytes
     * @throws InputFileException saying why not
     */
    public static long requireRegularFile(Path path) {
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(path, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            throw new InputFileException("no such file", e);
        } catch (AccessDeniedException e) {
            throw new InputFileException("permission denied", e);
        } catch (IOException e) {
            throw new InputFileException(reason(e), e);
        }
        if (a.isDirectory()) {
            throw new InputFileException("it is a directory", null);
        }
        if (!a.isRegularFile()) {
            throw new InputFileException("not a regular file (a FIFO, socket or device)", null);
        }
        return a.size();
    }

    /**
     * Reads a regular UTF-8 file of at most {@link #SMALL_FILE_LIMIT} bytes whole, without a leading
     * byte-order mark.
     *
     * @throws InputFileException if it is not a regular file, is larger, cannot be read or is not UTF-8
     */
    public static String readSmall(Path path) {
        return readSmall(path, SMALL_FILE_LIMIT);
    }

    static String readSmall(Path path, long limit) {
        long size = requireRegularFile(path);
        String tooLarge = "it has more than " + limit + " bytes (" + (limit / (1024 * 1024)) + " MiB), the limit for "
                + "this kind of file";
        if (size > limit) {
            throw new InputFileException(tooLarge, null);
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(path)) {
            // The size was checked, but a file can grow between the check and the read: read at most limit + 1.
            bytes = in.readNBytes((int) limit + 1);
        } catch (AccessDeniedException e) {
            throw new InputFileException("permission denied", e);
        } catch (IOException e) {
            throw new InputFileException(reason(e), e);
        }
        if (bytes.length > limit) {
            throw new InputFileException(tooLarge, null);
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new InputFileException("not UTF-8 text", e);
        }
        return !text.isEmpty() && text.charAt(0) == BOM ? text.substring(1) : text;
    }

    /**
     * Opens a regular UTF-8 file for streaming, positioned after a leading byte-order mark if there is one.
     * Bytes that are not UTF-8 fail the read that meets them with a {@link CharacterCodingException}.
     *
     * @throws InputFileException if it is not a regular file or cannot be opened
     */
    public static BufferedReader openText(Path path) {
        requireRegularFile(path);
        BufferedReader r = null;
        try {
            Reader decoding = new InputStreamReader(Files.newInputStream(path), StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT));
            r = new BufferedReader(decoding);
            r.mark(1);
            if (r.read() != BOM) {
                r.reset();
            }
            return r;
        } catch (CharacterCodingException e) {
            closeQuietly(r);
            throw new InputFileException("not UTF-8 text", e);
        } catch (AccessDeniedException e) {
            throw new InputFileException("permission denied", e);
        } catch (IOException e) {
            throw new InputFileException(reason(e), e);
        }
    }

    /**
     * Why an I/O operation failed, as a user can act on it: the operating system's reason ("File name too long",
     * "Not a directory") without the exception's class or the path again (the message names the file already).
     */
    public static String reason(IOException e) {
        String why = e instanceof FileSystemException f && f.getReason() != null ? f.getReason() : e.getMessage();
        return why == null || why.isBlank() ? "it cannot be read" : why;
    }

    private static void closeQuietly(Reader r) {
        if (r != null) {
            try {
                r.close();
            } catch (IOException ignored) {
                // the open failed already; that is what gets reported
            }
        }
    }
}
