package dev.ferry.convergence;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a migration stands in its convergence policy. Serializable, so it travels in the perform
 * activity's heartbeat details and a retried perform continues the schedule where it was.
 *
 * @param nextStep index of the next schedule step to consider
 * @param maxDowntimeMs the max downtime in force
 * @param autoConverge whether the guest is being throttled
 * @param postcopy whether the migration switched to post-copy
 * @param finished whether a step that ends the migration was taken
 * @param passBaseline the pass in which the last step was taken (1 before any)
 * @param stepBaseMillis job time at which the last step was taken (0 before any)
 * @param window the current no-progress window, or null before the first sample
 * @param previousMedianBytes median remaining data of the previous window, or null
 * @param windowsWithoutProgress complete windows in a row in which the remaining did not shrink
 * @param steps every step taken, in order
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ConvergenceState(
    int nextStep,
    long maxDowntimeMs,
    boolean autoConverge,
    boolean postcopy,
    boolean finished,
    long passBaseline,
    long stepBaseMillis,
    ProgressWindow window,
    Long previousMedianBytes,
    int windowsWithoutProgress,
    List<StepTaken> steps) {

  public ConvergenceState {
    steps = steps == null ? List.of() : List.copyOf(steps);
  }

  /** Nothing taken yet, with this max downtime in force. */
  public static ConvergenceState initial(long maxDowntimeMs) {
    return initial(maxDowntimeMs, false);
  }

  /**
   * Nothing taken yet.
   *
   * @param maxDowntimeMs the max downtime the job starts with
   * @param autoConverge whether the job throttles the guest from the start (a schedule step that
   *     would switch it on is then passed over)
   */
  public static ConvergenceState initial(long maxDowntimeMs, boolean autoConverge) {
    return new ConvergenceState(
        0, maxDowntimeMs, autoConverge, false, false, 1, 0, null, null, 0, null);
  }

  /** The same state with the last step marked as not having taken effect, and why. */
  public ConvergenceState withLastStepFailed(String why) {
    if (steps.isEmpty()) {
      return this;
    }
    List<StepTaken> marked = new ArrayList<>(steps);
    marked.set(marked.size() - 1, marked.get(marked.size() - 1).failed(why));
    return new ConvergenceState(
        nextStep,
        maxDowntimeMs,
        autoConverge,
        postcopy,
        finished,
        passBaseline,
        stepBaseMillis,
        window,
        previousMedianBytes,
        windowsWithoutProgress,
        marked);
  }

  /**
   * The same state with another max downtime in force: one an operator set on the job. Later
   * schedule steps compare against it, so they only ever raise it further.
   */
  public ConvergenceState withMaxDowntime(long ms) {
    return new ConvergenceState(
        nextStep,
        ms,
        autoConverge,
        postcopy,
        finished,
        passBaseline,
        stepBaseMillis,
        window,
        previousMedianBytes,
        windowsWithoutProgress,
        steps);
  }

  ConvergenceState withWindow(ProgressWindow next, Long median, int withoutProgress) {
    return new ConvergenceState(
        nextStep,
        maxDowntimeMs,
        autoConverge,
        postcopy,
        finished,
        passBaseline,
        stepBaseMillis,
        next,
        median,
        withoutProgress,
        steps);
  }

  ConvergenceState skip() {
    return new ConvergenceState(
        nextStep + 1,
        maxDowntimeMs,
        autoConverge,
        postcopy,
        finished,
        passBaseline,
        stepBaseMillis,
        window,
        previousMedianBytes,
        windowsWithoutProgress,
        steps);
  }
}
