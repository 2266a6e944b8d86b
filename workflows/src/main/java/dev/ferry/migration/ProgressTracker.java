package dev.ferry.migration;

import dev.ferry.convergence.JobStats;

/**
 * The share of a whole migration that is done, as a percentage that never decreases: the phases set
 * floors (the transfer spans 10 to 90), and within the transfer the share of data sent counts. A
 * new pre-copy pass makes the remaining data grow again; the percentage stays where it was until
 * the transfer passes it.
 */
public final class ProgressTracker {
  private int percent;

  /** The migration entered a phase. */
  public void enter(Phase phase) {
    percent = Math.max(percent, floor(phase));
  }

  /** A sample of the transfer. */
  public void sample(JobStats stats) {
    if (stats != null) {
      percent = Math.max(percent, 10 + stats.percent() * 80 / 100);
    }
  }

  public int percent() {
    return percent;
  }

  private static int floor(Phase phase) {
    return switch (phase) {
      case CHECK, ROLLBACK -> 0;
      case PREPARE -> 5;
      case PERFORM -> 10;
      case FINISH -> 90;
      case CONFIRM -> 95;
      case DONE -> 100;
    };
  }
}
