package org.caniclab.sim.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.caniclab.reports.Comparison;
import org.caniclab.reports.ReportFolderException;
import org.caniclab.sim.load.TraceFormatException;
import org.caniclab.sim.scenario.ScenarioException;
import org.caniclab.sim.substrate.SubstrateUnavailableException;
import org.caniclab.sim.substrate.ic.IcUsageException;
import org.caniclab.sim.substrate.ic.IdentityFileException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Turns failures into the exit codes of the conventions, one line on stderr each: 2 for bad input and
 * usage, 3 for an unavailable substrate, 4 for internal errors (with the stack trace written to an
 * {@code error.log} whose path is printed).
 */
final class Failures implements IExecutionExceptionHandler, IParameterExceptionHandler {
    static final int OK = 0;
    static final int EXPECTATION_FAILED = 1;
    static final int BAD_INPUT = 2;
    static final int SUBSTRATE_UNAVAILABLE = 3;
    static final int INTERNAL = 4;
    /** A command stopped by SIGINT (the JVM's own status then: 130 for SIGINT, 143 for SIGTERM). */
    static final int INTERRUPTED = 130;
    /** Longest run of non-space characters echoed whole in a one-line failure. */
    static final int MAX_WORD = 200;
    /** Longest one-line failure. */
    static final int MAX_LINE = 1000;
    private static final String OPENING = "'\"([{";
    private static final String CLOSING = "'\")]},;:.";

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        PrintWriter err = cmd.getErr();
        String suggestions = ex instanceof UnmatchedArgumentException u && !u.getSuggestions().isEmpty()
                ? "; did you mean " + String.join(" or ", u.getSuggestions()) + "?" : "";
        err.println("error: " + oneLine(ex.getMessage() + suggestions));
        err.println("Run '" + cmd.getCommandSpec().qualifiedName() + " --help' for usage.");
        err.flush();
        return BAD_INPUT;
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parsed) {
        PrintWriter err = cmd.getErr();
        try {
            if (ex instanceof ScenarioException || ex instanceof TraceFormatException
                    || ex instanceof IdentityFileException || ex instanceof IcUsageException) {
                err.println("error: " + oneLine(ex.getMessage()));
                return BAD_INPUT;
            }
            if (ex instanceof Comparison.Invalid) {
                err.println("error: " + oneLine(ex.getMessage()));
                return BAD_INPUT;
            }
            if (ex instanceof ReportFolderException) {
                err.println("error: --out " + oneLine(ex.getMessage()));
                return BAD_INPUT;
            }
            if (ex instanceof ParameterException pe) {
                return handleParseException(pe, parsed.originalArgs().toArray(new String[0]));
            }
            if (ex instanceof SubstrateUnavailableException) {
                err.println("error: " + oneLine(ex.getMessage()));
                return SUBSTRATE_UNAVAILABLE;
            }
            Throwable cause = ex;
            Path dir = null;
            if (ex instanceof InternalFailure f) {
                cause = f.getCause();
                dir = f.logDir();
            }
            if (cause instanceof TraceFormatException) {
                err.println("error: " + oneLine(cause.getMessage()));
                return BAD_INPUT;
            }
            SubstrateUnavailableException unavailable = substrateUnavailable(cause);
            if (unavailable != null) {
                // Expected, not a bug: the message says what was unreachable and what to check; no stack trace.
                err.println("error: " + oneLine(unavailable.getMessage()));
                return SUBSTRATE_UNAVAILABLE;
            }
            Path log = writeLog(dir, cause, parsed);
            err.println("internal error: " + oneLine(String.valueOf(cause)) + " (details in "
                    + (log == null ? "no file: the log could not be written" : log.toString()) + ")");
            return INTERNAL;
        } finally {
            err.flush();
        }
    }

    /** The substrate's exception anywhere in the cause chain (a runner may wrap it), or null. */
    private static SubstrateUnavailableException substrateUnavailable(Throwable t) {
        for (int depth = 0; t != null && depth < 16; depth++, t = t.getCause()) {
            if (t instanceof SubstrateUnavailableException e) {
                return e;
            }
        }
        return null;
    }

    private static Path writeLog(Path dir, Throwable cause, ParseResult parsed) {
        StringWriter trace = new StringWriter();
        PrintWriter w = new PrintWriter(trace);
        w.println("caniclab " + VersionProvider.version() + " on Java " + System.getProperty("java.version"));
        w.println("arguments: " + String.join(" ", parsed.originalArgs()));
        cause.printStackTrace(w);
        w.flush();
        byte[] body = trace.toString().getBytes(StandardCharsets.UTF_8);
        if (dir != null) {
            try {
                Files.createDirectories(dir);
                return Files.write(dir.resolve("error.log"), body);
            } catch (IOException | RuntimeException e) {
                // fall back to a temporary file below
            }
        }
        try {
            return Files.write(Files.createTempFile("caniclab-error-", ".log"), body);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * A message as one line a terminal can show: line breaks become spaces, control characters {@code ?}, a word
     * (a run without spaces, e.g. an echoed value or a server's raw bytes) longer than {@value #MAX_WORD} characters
     * is cut and followed by its length, and a line still longer than {@value #MAX_LINE} keeps its beginning and its
     * end (where "accepted: ..." is) around how much was left out. Every one-line failure goes through here.
     */
    static String oneLine(String message) {
        if (message == null) {
            return "";
        }
        String s = message.strip();
        StringBuilder b = new StringBuilder(Math.min(s.length(), 4 * MAX_LINE));
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (isSpace(c)) {
                int end = i;
                boolean lineBreak = false;
                while (end < s.length() && isSpace(s.charAt(end))) {
                    char w = s.charAt(end);
                    lineBreak |= w == '\n' || w == '\r' || w == '\u000B' || w == '\f' || w == '\u0085'
                            || w == '\u2028' || w == '\u2029';
                    end++;
                }
                b.append(lineBreak ? " " : s, lineBreak ? 0 : i, lineBreak ? 1 : end);
                i = end;
                continue;
            }
            int end = i;
            while (end < s.length() && !isSpace(s.charAt(end))) {
                end++;
            }
            int length = s.codePointCount(i, end);
            if (length <= MAX_WORD) {
                appendVisible(b, s, i, end);
            } else {
                // Quotes and brackets around the value are kept and not counted: "(5000 characters)" is the value.
                int open = OPENING.indexOf(c) >= 0 ? 1 : 0;
                int close = end;
                while (close > i + open && end - close < 3 && CLOSING.indexOf(s.charAt(close - 1)) >= 0) {
                    close--;
                }
                appendVisible(b, s, i, s.offsetByCodePoints(i, MAX_WORD));
                b.append("… (").append(length - open - (end - close)).append(" characters)");
                b.append(s, close, end);
            }
            i = end;
        }
        if (b.length() <= MAX_LINE) {
            return b.toString();
        }
        int head = MAX_LINE * 2 / 3;
        int tail = MAX_LINE / 4;
        int omitted = b.length() - head - tail;
        return b.substring(0, head) + " … (" + omitted + " of " + b.length() + " characters left out) … "
                + b.substring(b.length() - tail);
    }

    // NEL (U+0085) ends a line in some encodings but is not whitespace to Java.
    private static boolean isSpace(char c) {
        return Character.isWhitespace(c) || c == '\u0085';
    }

    private static void appendVisible(StringBuilder b, String s, int from, int to) {
        for (int k = from; k < to; k++) {
            char c = s.charAt(k);
            b.append(Character.isISOControl(c) ? '?' : c);
        }
    }
}
