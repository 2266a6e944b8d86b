package dev.ferry.migration;

import dev.ferry.plan.MigrationPlan;
import io.temporal.activity.ActivityInterface;

/**
 * The steps of one migration. Every method is idempotent: it first observes both hosts and decides
 * from the reconcile table, so a retry after any crash continues, rolls forward or rolls back and
 * never repeats a step that already took effect. Activity types are prefixed {@code Migration} so
 * the history reads {@code MigrationPerform}, {@code MigrationRollbackPerform} and so on.
 */
@ActivityInterface(namePrefix = "Migration")
public interface MigrationActivities {

  /**
   * Observes both hosts and decides whether and how the migration can run. Changes nothing.
   *
   * @param request what the operator asked for; a missing source is found from the inventory
   * @param migrationId the id to stamp on what this migration creates
   * @return the plan every later step follows
   */
  MigrationPlan check(MigrationRequest request, String migrationId);

  /**
   * Pre-creates the images of the disks to copy, reserves memory on the destination and stamps the
   * migration id into the guest's metadata. Run again, it creates only what is still missing.
   */
  void prepare(MigrationPlan plan);

  /**
   * Starts the transfer and follows it to the commit point, heartbeating job statistics. Run again,
   * it re-attaches to the job already running, or returns at once if the destination already owns
   * the guest. Cancelled, it aborts the job and returns only when the abort took effect.
   */
  MigrationStats perform(MigrationPlan plan);

  /**
   * Verifies the guest runs (or is paused, if asked) on the destination and that its definition is
   * persistent there if asked. Run again, it finds both already true.
   */
  void finish(MigrationPlan plan);

  /**
   * Verifies the source copy is gone or shut off, destroying a copy left paused by a lost confirm
   * once the destination is verified running; removes the source definition if asked and releases
   * the reservation. Run again, it finds nothing left to do.
   */
  void confirm(MigrationPlan plan);

  /**
   * Undoes a perform: aborts a running job, removes a non-running copy this migration left on the
   * destination and resumes a source copy paused by the migration. If the destination already owns
   * the guest it touches nothing and says so; if the guest runs on both hosts it pauses both. Run
   * again, it finds the rolled-back state and does nothing.
   */
  RollbackResult rollbackPerform(MigrationPlan plan);

  /**
   * Undoes a prepare: deletes the images it created and releases the reservation, unless the
   * destination runs the guest. Run again, it finds nothing left to delete.
   */
  void rollbackPrepare(MigrationPlan plan);
}
