package dev.ferry.convergence;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * One step of a convergence schedule. It fires when the migration has gone {@code stalledPasses}
 * pre-copy passes without converging, or {@code elapsedSeconds} of transfer, counted from the
 * previous step taken (or from the start of the job); whichever comes first. Zero disables a
 * trigger.
 *
 * @param stalledPasses passes without converging that trigger the step, or 0
 * @param elapsedSeconds seconds that trigger the step, or 0
 * @param action what the step does
 * @param maxDowntimeMs the new max downtime, for {@link ConvergenceAction#RAISE_MAX_DOWNTIME} only
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ConvergenceStep(
    int stalledPasses, long elapsedSeconds, ConvergenceAction action, long maxDowntimeMs) {

  public ConvergenceStep {
    if (action == null) {
      throw new IllegalArgumentException("convergence step without an action");
    }
    if (stalledPasses < 0 || elapsedSeconds < 0) {
      throw new IllegalArgumentException(
          "convergence step triggers must not be negative: "
              + stalledPasses
              + " passes, "
              + elapsedSeconds
              + " s");
    }
    if (stalledPasses == 0 && elapsedSeconds == 0) {
      throw new IllegalArgumentException(
          "convergence step " + action + " has no trigger: give passes or seconds");
    }
    boolean raises = action == ConvergenceAction.RAISE_MAX_DOWNTIME;
    if (raises && (maxDowntimeMs < 1 || maxDowntimeMs > 600_000)) {
      throw new IllegalArgumentException(
          "max downtime out of range: " + maxDowntimeMs + " ms (allowed 1..600000)");
    }
    if (!raises && maxDowntimeMs != 0) {
      throw new IllegalArgumentException(
          "only " + ConvergenceAction.RAISE_MAX_DOWNTIME + " takes a max downtime, not " + action);
    }
  }

  /** After this many passes without converging, allow this much downtime. */
  public static ConvergenceStep raiseMaxDowntime(int stalledPasses, long maxDowntimeMs) {
    return new ConvergenceStep(
        stalledPasses, 0, ConvergenceAction.RAISE_MAX_DOWNTIME, maxDowntimeMs);
  }

  /** After this many passes without converging, take the action. */
  public static ConvergenceStep afterPasses(int stalledPasses, ConvergenceAction action) {
    return new ConvergenceStep(stalledPasses, 0, action, 0);
  }

  /** After this many passes or seconds, whichever comes first, take the action. */
  public static ConvergenceStep afterPassesOrSeconds(
      int stalledPasses, long elapsedSeconds, ConvergenceAction action) {
    return new ConvergenceStep(stalledPasses, elapsedSeconds, action, 0);
  }
}
