package dev.ferry.client;

import dev.ferry.migration.MigrationOutcome;
import dev.ferry.migration.MigrationProgress;
import dev.ferry.plan.MigrationPlan;
import io.temporal.api.workflow.v1.PendingActivityInfo;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionResponse;
import io.temporal.client.WorkflowClient;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads a migration workflow into {@link MigrationFacts}, through the client API only. */
final class MigrationReader {
  private final WorkflowInspector inspector;

  MigrationReader(WorkflowClient client) {
    this.inspector = new WorkflowInspector(client);
  }

  /** The workflow's facts, or empty if it does not exist. */
  Optional<MigrationFacts> latest(String workflowId) {
    return inspector.describe(workflowId).map(description -> read(workflowId, description));
  }

  private MigrationFacts read(String workflowId, DescribeWorkflowExecutionResponse description) {
    // The progress query carries the plan, with the migration id stamped into the guest; it needs
    // a worker. Without one, a finished workflow's result still names the hosts.
    Optional<MigrationProgress> progress = inspector.progress(workflowId);
    MigrationPlan plan = progress.map(MigrationProgress::plan).orElse(null);
    MigrationOutcome outcome = progress.map(MigrationProgress::outcome).orElse(null);
    if (outcome == null && !inspector.running(description)) {
      outcome = finishedOutcome(workflowId);
    }
    String source =
        plan != null ? plan.source() : progress.map(MigrationProgress::source).orElse(null);
    String destination =
        plan != null
            ? plan.destination()
            : progress.map(MigrationProgress::destination).orElse(null);
    if (source == null && outcome != null) {
      source = outcome.source();
      destination = outcome.destination();
    }
    return new MigrationFacts(
        workflowId,
        inspector.status(description),
        progress.map(p -> p.phase().name()).orElse(null),
        source,
        destination,
        plan != null ? plan.destinationName() : null,
        plan != null ? plan.migrationId() : null,
        plan != null ? plan.vmUuid() : null,
        outcome != null && outcome.outcome() != null ? outcome.outcome().name() : null,
        outcome != null ? outcome.reason() : null,
        pending(description));
  }

  private MigrationOutcome finishedOutcome(String workflowId) {
    try {
      return inspector.outcome(workflowId);
    } catch (RuntimeException e) {
      // Terminated or cancelled through Temporal itself: there is no result to read.
      return null;
    }
  }

  private static List<MigrationFacts.PendingStep> pending(
      DescribeWorkflowExecutionResponse description) {
    List<MigrationFacts.PendingStep> steps = new ArrayList<>();
    long now = Instant.now().getEpochSecond();
    for (PendingActivityInfo activity : description.getPendingActivitiesList()) {
      steps.add(
          new MigrationFacts.PendingStep(
              activity.getActivityType().getName(),
              activity.getAttempt(),
              activity.hasLastFailure() ? activity.getLastFailure().getMessage() : null,
              activity.hasLastHeartbeatTime()
                  ? Math.max(0, now - activity.getLastHeartbeatTime().getSeconds())
                  : -1));
    }
    return steps;
  }
}
