package dev.ferry.failure;

/**
 * A failure with a {@link FailureType}, thrown by drivers and activity code. Activities turn it
 * into an {@code ApplicationFailure} of the same type at their boundary.
 */
public class FerryException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final FailureType type;

  /** What the workflow should learn besides the message; serialized by the data converter. */
  @SuppressWarnings("serial") // Never Java-serialized: it crosses to Temporal as a payload.
  private Object details;

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

  /** Attaches details for the workflow; returns this exception. */
  public FerryException withDetails(Object value) {
    details = value;
    return this;
  }

  /** The attached details, or null. */
  public Object details() {
    return details;
  }
}
