package dev.ferry.convergence;

/** What a step of a convergence schedule does to a migration that does not converge. */
public enum ConvergenceAction {
  /** Allow a longer pause at switch-over, so a larger last dirty set fits. */
  RAISE_MAX_DOWNTIME(false),
  /** Throttle the guest's vCPUs so it dirties memory more slowly. */
  AUTO_CONVERGE(false),
  /** Switch to post-copy: the guest runs on the destination and pulls the memory still missing. */
  POSTCOPY(true),
  /** Pause the guest so it dirties nothing; the transfer then completes with a longer downtime. */
  SUSPEND(true),
  /** Give up: abort the job and leave the guest running on the source. */
  ABORT(true);

  private final boolean terminal;

  ConvergenceAction(boolean terminal) {
    this.terminal = terminal;
  }

  /** Whether the migration ends one way or the other once this action is taken. */
  public boolean terminal() {
    return terminal;
  }
}
