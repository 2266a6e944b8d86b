package dev.ferry.evacuation;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Drains hosts: one child migration per guest, placed and paced by {@link Dispatcher}. The workflow
 * id is {@code evacuation-<batchId>}. It ends once every guest is accounted for: migrated, or
 * reported with the reason it is not.
 */
@WorkflowInterface
public interface EvacuationWorkflow {
  /** Runs the evacuation to its end; never fails for a guest that cannot move. */
  @WorkflowMethod(name = "Evacuation")
  EvacuationProgress evacuate(EvacuationRequest request);

  /** No new migration starts until {@link #resume}; those in flight go on. */
  @SignalMethod(name = "pause")
  void pause();

  @SignalMethod(name = "resume")
  void resume();

  /**
   * Stops the evacuation: nothing new starts; migrations in flight roll back or finish, as the
   * request's {@code onCancel} says; the workflow then completes with its report.
   */
  @SignalMethod(name = "cancel")
  void cancel(String reason);

  /** Per-guest state, counts, bytes moved and the ETA. */
  @QueryMethod(name = "progress")
  EvacuationProgress progress();
}
