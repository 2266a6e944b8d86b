package dev.ferry.cli;

/** A request refused before anything started; exits with {@link ExitCode#REFUSED}. */
final class RefusedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  RefusedException(String message) {
    super(message);
  }
}
