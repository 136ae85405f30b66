package org.caniclab.sim.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        PrintWriter err = cmd.getErr();
        err.println("error: " + oneLine(ex.getMessage()));
        UnmatchedArgumentException.printSuggestions(ex, err);
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

    static String oneLine(String message) {
        return message == null ? "" : message.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
