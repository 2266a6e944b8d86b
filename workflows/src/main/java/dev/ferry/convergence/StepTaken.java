package dev.ferry.convergence;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A convergence step that was taken, as the outcome and the progress query report it.
 *
 * @param atMillis when, in epoch milliseconds on the worker
 * @param elapsedMillis how far into the transfer job
 * @param trigger why, in words (for example {@code 3 passes without converging})
 * @param action what was done
 * @param maxDowntimeMs the max downtime in force after the step
 * @param result empty when the step took effect; otherwise why it did not
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record StepTaken(
    long atMillis,
    long elapsedMillis,
    String trigger,
    ConvergenceAction action,
    long maxDowntimeMs,
    String result) {

  public StepTaken {
    result = result == null ? "" : result;
  }

  /** The same step, noting why it did not take effect. */
  public StepTaken failed(String why) {
    return new StepTaken(atMillis, elapsedMillis, trigger, action, maxDowntimeMs, why);
  }
}
