package dev.ferry.failure;

/**
 * A failure with a {@link FailureType}, thrown by drivers and activity code. Activities turn it
 * into an {@code ApplicationFailure} of the same type at their boundary.
 */
public class FerryException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final FailureType type;

  public FerryException(FailureType type, String message) {
    super(message);
    this.type = type;
  }

  public FerryException(FailureType type, String message, Throwable cause) {
    super(message, cause);
    this.type = type;
  }

  public FailureType type() {
    return type;
  }
}
