package dev.losslab.core;

/**
 * Bad input or hyperparameter: the message names the argument and what was expected.
 *
 * <p>The CLI maps this exception to exit code 2 with its message on one line.
 */
public final class InvalidArgumentException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String argument;

    public InvalidArgumentException(String argument, String problem) {
        super(argument + ": " + problem);
        this.argument = argument;
    }

    /** The name of the offending input or parameter. */
    public String argument() {
        return argument;
    }
}
