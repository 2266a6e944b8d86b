package dev.ferry.convergence;

import java.util.ArrayList;
import java.util.List;

/**
 * Applies a {@link ConvergencePolicy} to the samples of a running job. Pure: the state goes in and
 * comes out, so it can be stored between samples and across retries; the caller carries out the
 * steps it returns.
 *
 * <p>At most one schedule step is taken per sample, so each step gets at least one sample to take
 * effect. The completion timeout and the no-progress timeout both take the schedule's final step at
 * once. Once a final step was taken nothing more happens.
 */
public final class ConvergenceEvaluator {
  /** A window's median must fall by this share to count as progress. */
  private static final double MIN_SHRINK = 0.05;

  /** Complete windows in a row without progress that end the migration. */
  private static final int STALLED_WINDOWS = 2;

  private final ConvergencePolicy policy;
  private final boolean postcopyAllowed;

  /**
   * @param policy the policy to apply
   * @param postcopyAllowed whether the migration was started with post-copy allowed
   */
  public ConvergenceEvaluator(ConvergencePolicy policy, boolean postcopyAllowed) {
    this.policy = policy;
    this.postcopyAllowed = postcopyAllowed;
  }

  /** The result of one sample: the new state and the steps to carry out now, in order. */
  public record Decision(ConvergenceState state, List<StepTaken> taken) {
    public Decision {
      taken = List.copyOf(taken);
    }
  }

  /**
   * Folds one sample into the state.
   *
   * @param state the state after the previous sample
   * @param sample the job's statistics now
   * @param nowMillis wall-clock time, recorded in the steps taken
   */
  public Decision decide(ConvergenceState state, JobStats sample, long nowMillis) {
    if (state.finished() || state.postcopy() || sample.postcopy()) {
      // Past the point of no return: the job completes or fails on its own.
      return new Decision(state, List.of());
    }
    long timeoutMillis = policy.completionTimeoutMillis(sample.dataTotalBytes());
    if (sample.elapsedMillis() >= timeoutMillis) {
      return end(state, sample, nowMillis, "completion timeout of " + timeoutMillis / 1000 + " s");
    }
    state = watchProgress(state, sample);
    if (state.windowsWithoutProgress() >= STALLED_WINDOWS) {
      return end(
          state,
          sample,
          nowMillis,
          "no progress: remaining data did not shrink over "
              + STALLED_WINDOWS
              + " windows of "
              + policy.noProgressWindowSeconds()
              + " s");
    }
    return nextScheduled(state, sample, nowMillis);
  }

  private Decision nextScheduled(ConvergenceState state, JobStats sample, long nowMillis) {
    while (state.nextStep() < policy.schedule().size()) {
      ConvergenceStep step = policy.schedule().get(state.nextStep());
      String trigger = trigger(step, state, sample);
      if (trigger == null) {
        return new Decision(state, List.of());
      }
      if (!applies(step, state)) {
        state = state.skip();
        continue;
      }
      return take(state, sample, nowMillis, trigger, step);
    }
    return new Decision(state, List.of());
  }

  private static String trigger(ConvergenceStep step, ConvergenceState state, JobStats sample) {
    long passes = sample.iteration() - state.passBaseline();
    if (step.stalledPasses() > 0 && passes >= step.stalledPasses()) {
      return passes + " passes without converging";
    }
    long seconds = (sample.elapsedMillis() - state.stepBaseMillis()) / 1000;
    if (step.elapsedSeconds() > 0 && seconds >= step.elapsedSeconds()) {
      return seconds + " s without converging";
    }
    return null;
  }

  /** A step that would change nothing is passed over, except the last, which must end it. */
  private boolean applies(ConvergenceStep step, ConvergenceState state) {
    boolean last = state.nextStep() == policy.schedule().size() - 1;
    return switch (step.action()) {
      case RAISE_MAX_DOWNTIME -> step.maxDowntimeMs() > state.maxDowntimeMs();
      case AUTO_CONVERGE -> !state.autoConverge();
      case POSTCOPY -> postcopyAllowed || last;
      case SUSPEND, ABORT -> true;
    };
  }

  private Decision end(ConvergenceState state, JobStats sample, long nowMillis, String trigger) {
    return take(state, sample, nowMillis, trigger, policy.finalStep());
  }

  private Decision take(
      ConvergenceState state,
      JobStats sample,
      long nowMillis,
      String trigger,
      ConvergenceStep step) {
    ConvergenceAction action = step.action();
    if (action == ConvergenceAction.POSTCOPY && !postcopyAllowed) {
      action = ConvergenceAction.ABORT;
      trigger += "; post-copy is not allowed";
    }
    long downtime =
        action == ConvergenceAction.RAISE_MAX_DOWNTIME
            ? step.maxDowntimeMs()
            : state.maxDowntimeMs();
    StepTaken taken =
        new StepTaken(nowMillis, sample.elapsedMillis(), trigger, action, downtime, "");
    List<StepTaken> steps = new ArrayList<>(state.steps());
    steps.add(taken);
    ConvergenceState next =
        new ConvergenceState(
            action.terminal() ? policy.schedule().size() : state.nextStep() + 1,
            downtime,
            state.autoConverge() || action == ConvergenceAction.AUTO_CONVERGE,
            action == ConvergenceAction.POSTCOPY,
            action.terminal(),
            Math.max(1, sample.iteration()),
            sample.elapsedMillis(),
            // Each step gets fresh windows to show whether it helped.
            ProgressWindow.openAt(sample),
            null,
            0,
            steps);
    return new Decision(next, List.of(taken));
  }

  /** Adds the sample to the current window and judges the window once it is complete. */
  private ConvergenceState watchProgress(ConvergenceState state, JobStats sample) {
    ProgressWindow window = state.window() == null ? ProgressWindow.openAt(sample) : state.window();
    window = window.with(sample);
    long windowMillis = policy.noProgressWindowSeconds() * 1000;
    if (!window.complete(sample, windowMillis)) {
      return state.withWindow(window, state.previousMedianBytes(), state.windowsWithoutProgress());
    }
    long median = window.median();
    Long previous = state.previousMedianBytes();
    boolean shrank = previous != null && median < previous * (1 - MIN_SHRINK);
    boolean progress = shrank || window.sendingWithinOnePass(sample);
    // The first complete window after a start or a step only sets the reference.
    int withoutProgress = previous == null || progress ? 0 : state.windowsWithoutProgress() + 1;
    return state.withWindow(ProgressWindow.openAt(sample), median, withoutProgress);
  }
}
