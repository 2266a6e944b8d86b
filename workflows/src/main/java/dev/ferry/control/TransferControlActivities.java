package dev.ferry.control;

import dev.ferry.plan.MigrationPlan;
import io.temporal.activity.ActivityInterface;

/**
 * Operator levers on a running transfer, each acting on the source host's migration job while the
 * perform activity follows it. They act on the job, not on the perform activity, so any worker can
 * carry them out; the perform activity sees their effect in the job's statistics. Activity types
 * read {@code ControlTune} and {@code ControlForceComplete} in the history.
 */
@ActivityInterface(namePrefix = "Control")
public interface TransferControlActivities {

  /**
   * Sets the max downtime and/or bandwidth of the running job. Run again, it sets the same values.
   *
   * @throws dev.ferry.failure.FerryException {@code NO_TRANSFER} if no migration job runs
   */
  ControlResult tune(MigrationPlan plan, TransferTuning tuning);

  /**
   * Makes the running job complete now: switches to post-copy if the migration allows it, else
   * pauses the guest on the source so nothing more is dirtied. Run again, it finds the job already
   * in post-copy (or the guest paused) and says so.
   *
   * @throws dev.ferry.failure.FerryException {@code NO_TRANSFER} if no migration job runs
   */
  ControlResult forceComplete(MigrationPlan plan);
}
