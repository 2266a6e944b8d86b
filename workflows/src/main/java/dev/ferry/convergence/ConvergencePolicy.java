package dev.ferry.convergence;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * How ferry makes a live migration end within a bound the operator chose: the max downtime to start
 * with, a schedule of escalating steps, and two timeouts that jump straight to the schedule's final
 * step. Plain data, so a plan shows exactly what will happen; {@link ConvergenceEvaluator} applies
 * it.
 *
 * @param name the preset's name, or a name for a custom policy
 * @param initialMaxDowntimeMs the max downtime at the start, unless the operator set one
 * @param schedule the steps in order; the last one ends the migration (post-copy, suspend or abort)
 * @param allowPostcopy the policy itself allows post-copy, as {@code --postcopy} does
 * @param completionBaseSeconds the completion timeout for a guest with no memory and no disk
 * @param completionSecondsPerGiB what each GiB of memory and copied disk adds to that timeout
 * @param noProgressWindowSeconds the window over which the remaining data must shrink; two windows
 *     in a row without shrinking end the migration
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ConvergencePolicy(
    String name,
    long initialMaxDowntimeMs,
    List<ConvergenceStep> schedule,
    boolean allowPostcopy,
    long completionBaseSeconds,
    long completionSecondsPerGiB,
    long noProgressWindowSeconds) {

  private static final long GIB = 1024L * 1024L * 1024L;

  public ConvergencePolicy {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("convergence policy without a name");
    }
    if (initialMaxDowntimeMs < 1 || initialMaxDowntimeMs > 600_000) {
      throw new IllegalArgumentException(
          "initial max downtime out of range: " + initialMaxDowntimeMs + " ms (allowed 1..600000)");
    }
    schedule = List.copyOf(schedule);
    if (schedule.isEmpty() || !schedule.get(schedule.size() - 1).action().terminal()) {
      throw new IllegalArgumentException(
          "convergence policy "
              + name
              + " must end with post-copy, suspend or abort, so every migration ends");
    }
    for (int i = 0; i < schedule.size() - 1; i++) {
      ConvergenceAction action = schedule.get(i).action();
      // Post-copy may come early: when it is not allowed, the schedule goes on past it.
      if (action == ConvergenceAction.SUSPEND || action == ConvergenceAction.ABORT) {
        throw new IllegalArgumentException(
            "convergence policy " + name + ": " + action + " can only be the last step");
      }
    }
    if (completionBaseSeconds < 1 || completionSecondsPerGiB < 0) {
      throw new IllegalArgumentException(
          "completion timeout of "
              + name
              + " out of range: base "
              + completionBaseSeconds
              + " s, "
              + completionSecondsPerGiB
              + " s per GiB");
    }
    if (noProgressWindowSeconds < 1) {
      throw new IllegalArgumentException(
          "no-progress window of " + name + " out of range: " + noProgressWindowSeconds + " s");
    }
  }

  /** The completion timeout for a migration moving this much memory and copied disk. */
  public long completionTimeoutMillis(long dataTotalBytes) {
    double gib = Math.max(0, dataTotalBytes) / (double) GIB;
    return (long) ((completionBaseSeconds + gib * completionSecondsPerGiB) * 1000);
  }

  /** The step that ends the migration: the schedule's last one. */
  public ConvergenceStep finalStep() {
    return schedule.get(schedule.size() - 1);
  }

  /** Whether some step switches to post-copy. */
  public boolean schedulesPostcopy() {
    return schedule.stream().anyMatch(s -> s.action() == ConvergenceAction.POSTCOPY);
  }
}
