package dev.ferry.migration;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Removes what a rolled-back migration's prepare left on a destination that stopped answering: the
 * pre-created images and the memory reserved there. It waits for that host as long as it takes
 * (days), so the migration itself can end: its guest never left the source.
 */
@WorkflowInterface
public interface PreparedCleanupWorkflow {

  /** Workflow id of the cleanup of one migration run: {@code cleanup-MIGRATION-RUN}. */
  static String idFor(String migrationWorkflowId, String runId) {
    return "cleanup-" + migrationWorkflowId + "-" + runId;
  }

  @WorkflowMethod
  void clean(MigrationPlan plan);
}
