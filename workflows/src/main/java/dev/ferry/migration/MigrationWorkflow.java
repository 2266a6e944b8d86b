package dev.ferry.migration;

import dev.ferry.control.ControlResult;
import dev.ferry.control.TransferTuning;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * One VM moving from one host to another. The workflow id is {@code migration-<vm>}, so a second
 * migration of the same VM while one is open is refused by Temporal itself.
 */
@WorkflowInterface
public interface MigrationWorkflow {
  /** The signal by which the perform activity reports its transfer. */
  String TRANSFER_PROGRESS = "transferProgress";

  /** Runs the migration to one of its three outcomes; never fails for a migration problem. */
  @WorkflowMethod(name = "Migration")
  MigrationOutcome migrate(MigrationRequest request);

  /**
   * Asks the migration to stop. Before the commit point it rolls back and completes with {@code
   * ROLLED_BACK}; after it, the request is ignored because only rolling forward is safe. Unlike a
   * Temporal cancellation, the workflow then completes normally with its outcome as result.
   */
  @SignalMethod(name = "cancel")
  void cancel(String reason);

  /**
   * Stops the migration like {@link #cancel}, but answers: accepted (the migration rolls back) or
   * refused without any change (already past the commit point, or already ended).
   *
   * @return what happens now, in words
   */
  @UpdateMethod(name = "abort")
  String abort(String reason);

  /** Refuses an abort the migration can no longer honour; nothing is recorded then. */
  @UpdateValidatorMethod(updateName = "abort")
  void validateAbort(String reason);

  /**
   * Changes the running transfer's max downtime and/or bandwidth cap on the source's job.
   *
   * @return the settings the job reports once changed
   */
  @UpdateMethod(name = "tune")
  ControlResult tune(TransferTuning tuning);

  /** Refuses a tune when no transfer runs; nothing is recorded then. */
  @UpdateValidatorMethod(updateName = "tune")
  void validateTune(TransferTuning tuning);

  /**
   * Makes the running transfer complete now: post-copy if the migration allows it, else the guest
   * is paused on the source and the rest is sent with it stopped.
   *
   * @return what was done and the job's state afterwards
   */
  @UpdateMethod(name = "forceComplete")
  ControlResult forceComplete();

  /** Refuses a force-complete when no transfer runs; nothing is recorded then. */
  @UpdateValidatorMethod(updateName = "forceComplete")
  void validateForceComplete();

  /**
   * The perform activity reports the running transfer and the convergence steps taken, for the
   * {@code progress} query. Changes nothing in how the migration runs.
   */
  @SignalMethod(name = TRANSFER_PROGRESS)
  void transferProgress(TransferProgress progress);

  /**
   * The current phase, the percentage done, the latest transfer figures and convergence steps, the
   * plan and the phases so far; the outcome once finished.
   */
  @QueryMethod(name = "progress")
  MigrationProgress progress();
}
