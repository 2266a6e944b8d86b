package dev.ferry.client;

import dev.ferry.failure.FailureType;
import dev.ferry.options.MigrationOptions;
import dev.ferry.options.OptionRules;
import java.util.List;

/**
 * A request refused before anything started: the CLI exits 2 with its message, the HTTP API answers
 * with the status of its {@link Kind} and its field.
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
  private final FailureType failureType;

  public RefusedException(String message) {
    this(Kind.INVALID, null, message);
  }

  /**
   * @param field the request field that holds the refused value, or null if none does alone
   */
  public RefusedException(Kind kind, String field, String message) {
    this(kind, field, message, null);
  }

  /**
   * @param field the request field that holds the refused value, or null if none does alone
   * @param failureType the failure a started migration would have ended with, or null
   */
  public RefusedException(Kind kind, String field, String message, FailureType failureType) {
    super(message);
    this.kind = kind;
    this.field = field;
    this.failureType = failureType;
  }

  /**
   * Refuses migration options that contradict each other, naming every conflict at once.
   *
   * @throws RefusedException of kind {@code INVALID}
   */
  public static void refuseConflicts(MigrationOptions options) {
    List<String> conflicts = OptionRules.conflicts(options);
    if (!conflicts.isEmpty()) {
      throw new RefusedException(
          Kind.INVALID, null, String.join("; ", conflicts), FailureType.INVALID_OPTIONS);
    }
  }

  public Kind kind() {
    return kind;
  }

  /**
   * The failure type a migration's own check reports for the same refusal ({@code VM_NOT_FOUND},
   * {@code HOST_NOT_FOUND}, {@code INVALID_OPTIONS}), so scripts read one vocabulary; or null.
   */
  public FailureType failureType() {
    return failureType;
  }

  /** The request field that holds the refused value, or null. */
  public String field() {
    return field;
  }
}
