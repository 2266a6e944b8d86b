package dev.ferry.migration;

import dev.ferry.control.ControlResult;
import dev.ferry.control.OperatorControl;
import dev.ferry.control.TransferControlActivities;
import dev.ferry.control.TransferTuning;
import dev.ferry.failure.FailureType;
import dev.ferry.plan.MigrationPlan;
import dev.ferry.policy.ActivityPolicies;
import io.temporal.activity.ActivityOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The operator controls of one migration: which are allowed when, the activities that carry them
 * out, and the record of those accepted. A control is refused by its validator, before anything is
 * recorded, unless a transfer runs; one that is accepted but fails on the host is recorded with the
 * reason and fails the caller's update, never the migration.
 */
final class TransferControls {
  private final List<OperatorControl> accepted = new ArrayList<>();
  private boolean postcopyForced;
  private TransferControlActivities activities;

  /**
   * Creates the activity stub; called from the workflow method, where stubs may be made.
   *
   * @param summarize adds the activity summary shown in the Temporal UI
   */
  void start(UnaryOperator<ActivityOptions> summarize) {
    activities =
        Workflow.newActivityStub(
            TransferControlActivities.class, summarize.apply(ActivityPolicies.control()));
  }

  /**
   * Refuses a control unless a transfer runs now.
   *
   * @param transferRunning whether perform runs (the control activity then finds its job, or
   *     reports that there is none)
   * @param what the control, for the message
   */
  static void requireTransfer(boolean transferRunning, Phase phase, String what) {
    if (!transferRunning) {
      throw new IllegalStateException(
          what
              + " acts on a running transfer, and there is none (phase "
              + phase
              + "): try again once ferry status shows transfer figures");
    }
  }

  /** Refuses an abort once the migration has ended or is past its commit point. */
  static void requireAbortable(MigrationOutcome outcome, boolean committed) {
    if (outcome != null) {
      throw new IllegalStateException("the migration has already ended: " + outcome.outcome());
    }
    if (committed) {
      throw new IllegalStateException(
          "too late to abort: past the commit point the destination owns the guest, so the"
              + " migration finishes");
    }
  }

  /** Refuses a tune request without a body (the record itself checks the values). */
  static void requireTuning(TransferTuning tuning) {
    if (tuning == null) {
      throw new IllegalArgumentException(
          "nothing to tune: give a max downtime, a bandwidth or both");
    }
  }

  ControlResult tune(MigrationPlan plan, TransferTuning tuning) {
    return run("tune " + tuning.describe(), () -> activities.tune(plan, tuning));
  }

  ControlResult forceComplete(MigrationPlan plan) {
    ControlResult result = run("force-complete", () -> activities.forceComplete(plan));
    postcopyForced |= result.postcopy();
    return result;
  }

  /**
   * The transfer's statistics, marked post-copy if an operator switched it: libvirt may keep no
   * statistics that show it once the job is over.
   */
  MigrationStats withForcedPostcopy(MigrationStats stats) {
    return postcopyForced && !stats.postcopy() ? stats.completedBy(null, true) : stats;
  }

  /**
   * Records an accepted abort; it acts through the migration's own rollback.
   *
   * @return the reason to roll back with
   */
  String aborted(String reason) {
    String why = reason == null || reason.isBlank() ? "requested with ferry abort" : reason;
    accepted.add(
        new OperatorControl(Workflow.currentTimeMillis(), "abort: " + why, "rolling back", true));
    return why;
  }

  List<OperatorControl> accepted() {
    return List.copyOf(accepted);
  }

  private ControlResult run(String request, Supplier<ControlResult> control) {
    long at = Workflow.currentTimeMillis();
    try {
      ControlResult result = control.get();
      accepted.add(new OperatorControl(at, request, result.action(), true));
      return result;
    } catch (ActivityFailure e) {
      String reason = FailureText.of(e).reason();
      accepted.add(new OperatorControl(at, request, reason, false));
      throw ApplicationFailure.newNonRetryableFailure(
          request + " failed: " + reason, FailureType.CONTROL_FAILED.name());
    }
  }
}
