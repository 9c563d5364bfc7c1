package org.iggyj.cli;

/** A mistake the CLI reports itself (bad argument, missing credentials); exit code 1, no stack trace. */
final class CliException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    CliException(String message) {
        super(message);
    }
}
