package dev.ferry.activities;

import dev.ferry.convergence.ConvergenceAction;
import dev.ferry.convergence.ConvergenceEvaluator;
import dev.ferry.convergence.ConvergenceState;
import dev.ferry.convergence.JobStats;
import dev.ferry.convergence.StepTaken;
import dev.ferry.failure.FerryException;
import dev.ferry.hypervisor.DomainFence;
import dev.ferry.hypervisor.Hypervisor;
import dev.ferry.options.MigrationFlag;
import dev.ferry.plan.MigrationPlan;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The convergence policy applied to one perform: each new sample goes through the evaluator and the
 * steps it takes are carried out on the source's job. A step that ends the migration but cannot be
 * carried out (post-copy refused, pause failed) falls back to an abort, so that the migration still
 * ends.
 */
final class ConvergenceControl {
  private static final Logger log = LoggerFactory.getLogger(ConvergenceControl.class);

  private final Hypervisor source;
  private final String vm;
  private final ConvergenceEvaluator evaluator;
  private ConvergenceState state;
  private JobStats lastSample;
  private boolean aborted;

  /** How long a max downtime this perform set may take to show in the job's samples. */
  private static final long CONFIRM_MS = 5_000;

  /**
   * Whether a sample of the current job was seen; the first one puts the policy's value in force.
   */
  private boolean jobSeen;

  /** The proof a suspend reads before it pauses the guest. */
  private final DomainFence fence;

  /** When this perform last set the max downtime, until a sample shows it; null otherwise. */
  private Long pendingDowntimeSince;

  /**
   * @param restored the state a previous attempt heartbeated, or null to start the schedule
   */
  ConvergenceControl(Hypervisor source, MigrationPlan plan, ConvergenceState restored) {
    this.source = source;
    this.vm = plan.vm();
    this.fence = DomainFence.of(plan);
    this.evaluator =
        new ConvergenceEvaluator(
            plan.options().convergence(), plan.resolved().has(MigrationFlag.POSTCOPY));
    this.state =
        restored != null
            ? restored
            : ConvergenceState.initial(
                plan.options().initialMaxDowntimeMs(),
                plan.resolved().has(MigrationFlag.AUTO_CONVERGE));
  }

  ConvergenceState state() {
    return state;
  }

  List<StepTaken> steps() {
    return state.steps();
  }

  /** Whether the policy aborted the job: the perform must then end as not converged. */
  boolean aborted() {
    return aborted;
  }

  /** The step that aborted, for the failure message; null if none did. */
  StepTaken abortStep() {
    return aborted ? steps().get(steps().size() - 1) : null;
  }

  /**
   * Folds a sample in, if it is new, and carries out what the policy decides.
   *
   * @return whether a step was taken
   */
  boolean onSample(JobStats sample) {
    if (sample == null || sample.equals(lastSample) || aborted) {
      return false;
    }
    lastSample = sample;
    followMaxDowntime(sample);
    ConvergenceEvaluator.Decision decision =
        evaluator.decide(state, sample, System.currentTimeMillis());
    state = decision.state();
    for (StepTaken step : decision.taken()) {
      log.info(
          "convergence step for {}: {} ({}), max downtime {} ms",
          vm,
          step.action(),
          step.trigger(),
          step.maxDowntimeMs());
      carryOut(step);
    }
    return !decision.taken().isEmpty();
  }

  /**
   * Keeps the job's max downtime and the policy's in step. A job begins with the hypervisor's
   * default, so the first sample of each job puts the policy's value in force (also after a retry
   * that started a new job). Later, a value this perform did not set came from outside, from an
   * operator's {@code ferry tune}: the policy adopts it rather than fight it. A value this perform
   * just set may take a sample or two to show, so a mismatch right after is not taken for one.
   */
  private void followMaxDowntime(JobStats sample) {
    long reported = sample.maxDowntimeMs();
    if (reported <= 0 || sample.postcopy()) {
      return;
    }
    long now = System.currentTimeMillis();
    if (reported == state.maxDowntimeMs()) {
      pendingDowntimeSince = null;
      jobSeen = true;
    } else if (!jobSeen || ownChangeNotShown(now)) {
      jobSeen = true;
      setMaxDowntime(state.maxDowntimeMs());
    } else if (pendingDowntimeSince == null) {
      log.info(
          "max downtime of {} changed outside the policy: {} ms, was {} ms; the policy follows",
          vm,
          reported,
          state.maxDowntimeMs());
      state = state.withMaxDowntime(reported);
    }
  }

  /** Whether a max downtime this perform set has failed to show for too long: set it again. */
  private boolean ownChangeNotShown(long now) {
    return pendingDowntimeSince != null && now - pendingDowntimeSince > CONFIRM_MS;
  }

  private void setMaxDowntime(long ms) {
    try {
      source.setMaxDowntime(vm, ms);
      pendingDowntimeSince = System.currentTimeMillis();
    } catch (FerryException e) {
      log.warn("could not set max downtime of {}: {}", vm, e.getMessage());
    }
  }

  private void carryOut(StepTaken step) {
    String failure = null;
    try {
      failure = apply(step.action(), step.maxDowntimeMs());
    } catch (FerryException e) {
      failure = e.getMessage();
    }
    if (failure == null) {
      return;
    }
    log.warn("convergence step {} for {} did not take effect: {}", step.action(), vm, failure);
    if (step.action().terminal() && step.action() != ConvergenceAction.ABORT) {
      state = state.withLastStepFailed(failure + "; aborted instead");
      abort();
    } else {
      state = state.withLastStepFailed(failure);
    }
  }

  /** Carries out one action; returns why it did not take effect, or null. */
  private String apply(ConvergenceAction action, long maxDowntimeMs) {
    switch (action) {
      case RAISE_MAX_DOWNTIME -> {
        source.setMaxDowntime(vm, maxDowntimeMs);
        pendingDowntimeSince = System.currentTimeMillis();
      }
      case AUTO_CONVERGE -> {
        if (!source.enableAutoConverge(vm)) {
          return "this hypervisor cannot throttle a migration that started without auto-converge";
        }
      }
      case POSTCOPY -> source.startPostcopy(vm);
      case SUSPEND -> source.pause(vm, fence);
      case ABORT -> abort();
    }
    return null;
  }

  private void abort() {
    aborted = true;
    source.abortJob(vm);
  }
}
