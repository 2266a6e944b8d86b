package dev.ferry.validation;

/**
 * A value refused before anything started. Carries the name of the field it came in, so the HTTP
 * API can point at it; the message names the value itself, escaped and shortened. Thrown from the
 * code of an evacuation or a maintenance window, it fails that workflow rather than its workflow
 * task (see {@code FerryWorkflows}); the SDK matches it by class, so it stays an unchecked
 * exception.
 */
public final class InvalidInputException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String field;

  public InvalidInputException(String field, String message) {
    super(message);
    this.field = field;
  }

  /**
   * The request field the value came in, for example {@code destination} or {@code bandwidthMiBps}.
   */
  public String field() {
    return field;
  }
}
