package org.caniclab.bench.gate;

/** A results or gate file that cannot be used; the message names the file, the entry or key, and why. */
final class BadInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BadInputException(String message) {
        super(message);
    }
}
