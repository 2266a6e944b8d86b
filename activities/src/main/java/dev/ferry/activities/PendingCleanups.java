package dev.ferry.activities;

import dev.ferry.migration.PreparedCleanupWorkflow;
import dev.ferry.plan.MigrationPlan;
import io.temporal.activity.Activity;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Settles the cleanup an earlier migration of the same guest handed over for this destination
 * ({@code cleanup-VM-DESTINATION}) before prepare creates anything there: it is cancelled, and
 * prepare takes over the images it would have removed (their owner marks become this migration's).
 * The marks are what make it safe, whatever the timing: a cleanup deletes only images that still
 * carry its own mark and that no guest uses. Cancelling it also ends its week of retries against a
 * host that answers again, and lets the next hand-over reuse the id.
 */
final class PendingCleanups {
  private static final Logger log = LoggerFactory.getLogger(PendingCleanups.class);

  private PendingCleanups() {}

  /** Cancels the pending cleanup of the plan's guest on its destination, if one is running. */
  static void settle(MigrationPlan plan) {
    String id = PreparedCleanupWorkflow.idFor(plan.vm(), plan.destination());
    WorkflowClient client = Activity.getExecutionContext().getWorkflowClient();
    try {
      client.newUntypedWorkflowStub(id).cancel();
      log.info(
          "prepare of {} on {}: cancelled the pending cleanup {}; its images are taken over",
          plan.vm(),
          plan.destination(),
          id);
    } catch (WorkflowNotFoundException none) {
      // No cleanup pending, or it has ended.
    } catch (RuntimeException e) {
      // The owner marks keep this migration's images safe from it all the same.
      log.warn("prepare of {}: could not cancel the pending cleanup {}: {}", plan.vm(), id, e);
    }
  }
}
