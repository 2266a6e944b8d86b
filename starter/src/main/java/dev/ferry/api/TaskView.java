package dev.ferry.api;

import dev.ferry.client.MigrationView;
import dev.ferry.client.WorkflowInspector;
import dev.ferry.migration.MigrationOutcome;
import dev.ferry.migration.MigrationProgress;
import dev.ferry.migration.Outcome;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionResponse;
import io.temporal.client.WorkflowFailedException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A migration as a task: {@code id}, {@code status} ({@code running}, {@code finished} when
 * migrated, {@code failed} otherwise), {@code target_uri} (the VM), {@code message}, {@code
 * progress} (percent) and {@code migration}, the same object {@code ferry status --json} prints.
 */
final class TaskView {
  static final String RUNNING = "running";
  static final String FINISHED = "finished";
  static final String FAILED = "failed";

  private TaskView() {}

  static Map<String, Object> of(
      WorkflowInspector inspector, String workflowId, DescribeWorkflowExecutionResponse described) {
    String vm = TaskIds.vmOf(workflowId);
    if (inspector.running(described)) {
      Optional<MigrationProgress> progress = inspector.progress(workflowId);
      Map<String, Object> view =
          MigrationView.ofRunning(
              workflowId, progress.orElse(null), inspector.liveStats(described).orElse(null));
      String message =
          progress
              .map(p -> "migrating " + vm + " to " + p.destination() + ": " + p.phase())
              .orElse("waiting for a worker to pick the migration up");
      return task(workflowId, RUNNING, message, view);
    }
    Optional<MigrationOutcome> outcome = outcome(inspector, workflowId);
    if (outcome.isEmpty()) {
      return task(
          workflowId,
          FAILED,
          "the workflow is " + inspector.status(described) + " without an outcome",
          MigrationView.ofRunning(workflowId, null, null));
    }
    MigrationOutcome o = outcome.get();
    boolean migrated = o.outcome() == Outcome.MIGRATED;
    String message =
        (o.refused() ? "REFUSED" : o.outcome().name())
            + ": "
            + vm
            + " to "
            + o.destination()
            + (o.reason().isEmpty() ? "" : ": " + o.reason());
    return task(
        workflowId, migrated ? FINISHED : FAILED, message, MigrationView.ofOutcome(workflowId, o));
  }

  /** The result; for a workflow cancelled from Temporal's UI, the outcome its query still holds. */
  private static Optional<MigrationOutcome> outcome(WorkflowInspector inspector, String id) {
    try {
      return Optional.of(inspector.outcome(id));
    } catch (WorkflowFailedException e) {
      return inspector.progress(id).map(MigrationProgress::outcome);
    }
  }

  /** The task's four summary fields, as answered when it starts. */
  static Map<String, Object> summary(String workflowId, String status, String message) {
    Map<String, Object> task = new LinkedHashMap<>();
    task.put("id", workflowId);
    task.put("status", status);
    task.put("target_uri", "/v1/vms/" + TaskIds.vmOf(workflowId));
    task.put("message", message);
    return task;
  }

  private static Map<String, Object> task(
      String workflowId, String status, String message, Map<String, Object> migration) {
    Map<String, Object> task = summary(workflowId, status, message);
    task.put("progress", migration.get("percent"));
    task.put("migration", migration);
    return task;
  }
}
