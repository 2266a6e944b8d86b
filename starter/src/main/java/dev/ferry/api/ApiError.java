package dev.ferry.api;

/** An answer other than success, decided by the HTTP layer itself: bad JSON, no token, no route. */
final class ApiError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String field;

  ApiError(int status, String field, String message) {
    super(message);
    this.status = status;
    this.field = field;
  }

  int status() {
    return status;
  }

  /** The request field at fault, or null. */
  String field() {
    return field;
  }
}
