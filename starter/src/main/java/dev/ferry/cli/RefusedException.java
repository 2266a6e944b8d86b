package dev.ferry.cli;

/**
 * A request refused before anything started; the CLI exits with {@link ExitCode#REFUSED}, the HTTP
 * API answers with the status of its {@link Kind}.
 */
public final class RefusedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Why a request was refused. */
  public enum Kind {
    /** The request itself is wrong: a bad value or options that contradict each other. */
    INVALID,
    /** It names a VM, host or migration that does not exist. */
    NOT_FOUND,
    /** It clashes with what is going on: the VM is already migrating, the migration has ended. */
    CONFLICT
  }

  private final Kind kind;
  private final String field;

  RefusedException(String message) {
    this(Kind.INVALID, null, message);
  }

  /**
   * @param field the request field that holds the refused value, or null if none does alone
   */
  public RefusedException(Kind kind, String field, String message) {
    super(message);
    this.kind = kind;
    this.field = field;
  }

  public Kind kind() {
    return kind;
  }

  /** The request field that holds the refused value, or null. */
  public String field() {
    return field;
  }
}
