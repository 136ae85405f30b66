package org.caniclab.sim.input;

/**
 * One arrival read from a trace: the 1-based line it starts on, its time in nanoseconds from the start of
 * the run, and its pool (the row's, else the source's default; always a pool the reader was told of).
 */
public record TraceRow(long line, long timeNanos, String pool) {}
