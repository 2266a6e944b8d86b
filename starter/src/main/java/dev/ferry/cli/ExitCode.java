package dev.ferry.cli;

import dev.ferry.migration.MigrationOutcome;

/** ferry's exit codes, a contract with scripts. */
public final class ExitCode {
  public static final int OK = 0;
  public static final int ERROR = 1;
  public static final int REFUSED = 2;
  public static final int ROLLED_BACK = 3;
  public static final int NEEDS_ATTENTION = 4;

  private ExitCode() {}

  static int of(MigrationOutcome outcome) {
    if (outcome.refused()) {
      return REFUSED;
    }
    return switch (outcome.outcome()) {
      case MIGRATED -> OK;
      case ROLLED_BACK -> ROLLED_BACK;
      case NEEDS_ATTENTION -> NEEDS_ATTENTION;
    };
  }
}
