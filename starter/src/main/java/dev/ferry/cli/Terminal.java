package dev.ferry.cli;

/** Whether output goes to a person at a terminal, which decides how progress is drawn. */
final class Terminal {
  private Terminal() {}

  // ferry targets Java 17, where System.console() is null exactly when not attached to a terminal.
  @SuppressWarnings("SystemConsoleNull")
  static boolean interactive() {
    return System.console() != null && !"dumb".equals(System.getenv("TERM"));
  }
}
