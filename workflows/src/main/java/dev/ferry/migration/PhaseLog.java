package dev.ferry.migration;

import io.temporal.workflow.Functions;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** The current phase and the timing of every phase so far, kept in workflow time. */
final class PhaseLog {
  private final List<PhaseTiming> timings = new ArrayList<>();
  private final ProgressTracker progress = new ProgressTracker();
  private Phase current = Phase.CHECK;
  private Consumer<Phase> onEnter = phase -> {};

  /** Tells the listener of every phase entered from now on, {@link Phase#DONE} included. */
  void onEnter(Consumer<Phase> listener) {
    onEnter = listener;
  }

  Phase current() {
    return current;
  }

  /** The migration's percentage, which phase entries and transfer samples move forward. */
  ProgressTracker progress() {
    return progress;
  }

  List<PhaseTiming> timings() {
    return List.copyOf(timings);
  }

  /** Runs one phase, recording its start, its end and whether it failed. */
  <T> T run(Phase phase, Functions.Func<T> step) {
    current = phase;
    progress.enter(phase);
    onEnter.accept(phase);
    long start = Workflow.currentTimeMillis();
    int index = timings.size();
    timings.add(new PhaseTiming(phase, start, 0, "running"));
    try {
      T result = step.apply();
      timings.set(index, new PhaseTiming(phase, start, Workflow.currentTimeMillis(), "ok"));
      return result;
    } catch (RuntimeException e) {
      timings.set(
          index,
          new PhaseTiming(phase, start, Workflow.currentTimeMillis(), FailureText.of(e).reason()));
      throw e;
    }
  }

  void done() {
    current = Phase.DONE;
    progress.enter(Phase.DONE);
    onEnter.accept(Phase.DONE);
  }
}
