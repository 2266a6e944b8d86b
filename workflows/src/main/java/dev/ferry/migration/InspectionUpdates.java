package dev.ferry.migration;

import dev.ferry.plan.MigrationPlan;
import io.temporal.activity.ActivityOptions;
import io.temporal.workflow.Workflow;

/**
 * Keeps a running migration's search attributes, memo and activity summaries current. Migrations
 * started before this existed replay without any of it (a version marker tells them apart), and a
 * migration started without ferry's search attributes (a server that has not registered them) gets
 * no upserts, which such a server would refuse. A handed-over cleanup ({@link
 * PreparedCleanupWorkflowImpl}) uses it for its activity's summary alone, behind the same marker.
 */
final class InspectionUpdates {
  private static final String CHANGE_ID = "inspection";

  private final boolean versioned;
  private final boolean attributes;

  private InspectionUpdates(boolean versioned, boolean attributes) {
    this.versioned = versioned;
    this.attributes = attributes;
  }

  /** Decides once, at the start of the workflow, what this run keeps current. */
  static InspectionUpdates start() {
    boolean versioned = Workflow.getVersion(CHANGE_ID, Workflow.DEFAULT_VERSION, 1) >= 1;
    boolean registered = Workflow.getTypedSearchAttributes().containsKey(MigrationInspection.VM);
    return new InspectionUpdates(versioned, versioned && registered);
  }

  /** The activity options with a summary for the Temporal UI, on runs that show them. */
  ActivityOptions summarized(ActivityOptions options, String summary) {
    return versioned ? ActivityOptions.newBuilder(options).setSummary(summary).build() : options;
  }

  void phase(Phase phase) {
    // The check is the phase the migration starts with: its attribute is set at start.
    if (attributes && phase != Phase.CHECK) {
      Workflow.upsertTypedSearchAttributes(MigrationInspection.PHASE.valueSet(phase.name()));
    }
  }

  /** The check made the plan: the source is known and the memo shows the plan. */
  void planned(MigrationPlan plan) {
    if (attributes) {
      Workflow.upsertTypedSearchAttributes(MigrationInspection.SOURCE.valueSet(plan.source()));
    }
    if (versioned) {
      Workflow.upsertMemo(MigrationInspection.planMemo(plan));
    }
  }

  void ended(Outcome outcome) {
    if (attributes) {
      Workflow.upsertTypedSearchAttributes(MigrationInspection.OUTCOME.valueSet(outcome.name()));
    }
  }
}
