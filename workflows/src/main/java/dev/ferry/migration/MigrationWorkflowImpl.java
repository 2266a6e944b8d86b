package dev.ferry.migration;

import dev.ferry.failure.FailureType;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.workflow.Workflow;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * check, prepare and perform, with an undo registered before each step that changes a host; past
 * the commit point (perform returned) finish and confirm roll forward and cancellation no longer
 * applies. Undo runs in a detached scope so that a cancellation cannot interrupt it.
 */
public class MigrationWorkflowImpl implements MigrationWorkflow {
  private final MigrationActivities checkStep =
      Workflow.newActivityStub(MigrationActivities.class, ActivityPolicies.check());
  private final MigrationActivities prepareStep =
      Workflow.newActivityStub(MigrationActivities.class, ActivityPolicies.prepare());
  private final MigrationActivities performStep =
      Workflow.newActivityStub(MigrationActivities.class, ActivityPolicies.perform());
  private final MigrationActivities forwardStep =
      Workflow.newActivityStub(MigrationActivities.class, ActivityPolicies.rollForward());
  private final MigrationActivities undoStep =
      Workflow.newActivityStub(MigrationActivities.class, ActivityPolicies.rollback());

  private final PhaseLog log = new PhaseLog();
  private final List<String> compensations = new ArrayList<>();
  private MigrationRequest request;
  private MigrationPlan plan;
  private MigrationOutcome outcome;

  /** What undoing the perform found, once it ran. */
  private RollbackResult lastRollback;

  @Override
  public MigrationOutcome migrate(MigrationRequest request) {
    this.request = request;
    String migrationId = Workflow.getInfo().getWorkflowId() + "/" + Workflow.getInfo().getRunId();
    try {
      plan = log.run(Phase.CHECK, () -> checkStep.check(request, migrationId));
    } catch (ActivityFailure | CanceledFailure e) {
      FailureText failure = FailureText.of(e);
      boolean refused = failure.cancelled() || (failure.type() != null && failure.type().refusal());
      return end(Outcome.ROLLED_BACK, failure, refused, null);
    }
    Deque<Phase> undo = new ArrayDeque<>();
    MigrationStats stats;
    try {
      undo.push(Phase.PREPARE);
      log.run(Phase.PREPARE, () -> run(() -> prepareStep.prepare(plan)));
      undo.push(Phase.PERFORM);
      stats = log.run(Phase.PERFORM, () -> performStep.perform(plan));
    } catch (ActivityFailure | CanceledFailure e) {
      FailureText failure = FailureText.of(e);
      try {
        Workflow.newDetachedCancellationScope(() -> undo(undo)).run();
      } catch (ActivityFailure undoFailure) {
        FailureText why = FailureText.of(undoFailure);
        return end(
            Outcome.NEEDS_ATTENTION,
            new FailureText(
                FailureType.NEEDS_ATTENTION,
                failure.reason() + "; then the rollback failed: " + why.reason(),
                false),
            false,
            null);
      }
      RollbackResult rollback = lastRollback;
      if (rollback != null && rollback.needsAttention()) {
        return end(
            Outcome.NEEDS_ATTENTION,
            new FailureText(FailureType.NEEDS_ATTENTION, attentionReason(failure, rollback), false),
            false,
            null);
      }
      if (rollback == null || !rollback.rollForward()) {
        return end(Outcome.ROLLED_BACK, failure, false, null);
      }
      // The destination already owned the guest when the failure was seen: only forward is safe.
      stats = MigrationStats.unknown();
    }
    return rollForward(stats);
  }

  /** Runs the registered undo steps, newest first, stopping when the guest must not be touched. */
  private void undo(Deque<Phase> undo) {
    log.run(
        Phase.ROLLBACK,
        () -> {
          while (!undo.isEmpty()) {
            Phase step = undo.pop();
            if (step == Phase.PERFORM) {
              lastRollback = undoStep.rollbackPerform(plan);
              compensations.add("rollbackPerform: " + lastRollback.action());
              if (lastRollback.rollForward() || lastRollback.needsAttention()) {
                // Anything prepared now belongs to the guest on the destination, or is evidence.
                return null;
              }
            } else if (step == Phase.PREPARE) {
              undoStep.rollbackPrepare(plan);
              compensations.add("rollbackPrepare");
            }
          }
          return null;
        });
  }

  private MigrationOutcome rollForward(MigrationStats stats) {
    try {
      Workflow.newDetachedCancellationScope(
              () -> {
                log.run(Phase.FINISH, () -> run(() -> forwardStep.finish(plan)));
                log.run(Phase.CONFIRM, () -> run(() -> forwardStep.confirm(plan)));
              })
          .run();
    } catch (ActivityFailure e) {
      FailureText failure = FailureText.of(e);
      return end(
          Outcome.NEEDS_ATTENTION,
          new FailureText(
              FailureType.NEEDS_ATTENTION, "past the commit point, " + failure.reason(), false),
          false,
          stats);
    }
    return end(Outcome.MIGRATED, new FailureText(null, "", false), false, stats);
  }

  private static String attentionReason(FailureText failure, RollbackResult rollback) {
    return failure.reason()
        + "; then found "
        + rollback.found()
        + " (source "
        + rollback.source().describe()
        + ", destination "
        + rollback.destination().describe()
        + "): "
        + rollback.action();
  }

  private MigrationOutcome end(
      Outcome result, FailureText failure, boolean refused, MigrationStats stats) {
    log.done();
    outcome =
        new MigrationOutcome(
            request.workflowId(),
            request.vm(),
            plan != null ? plan.source() : request.source(),
            request.destination(),
            result,
            failure.reason(),
            failure.type(),
            refused,
            log.timings(),
            stats,
            compensations);
    return outcome;
  }

  private static Object run(Runnable step) {
    step.run();
    return null;
  }

  @Override
  public MigrationProgress progress() {
    return new MigrationProgress(
        log.current(),
        request == null ? null : request.vm(),
        plan != null ? plan.source() : request == null ? null : request.source(),
        request == null ? null : request.destination(),
        log.timings(),
        plan,
        outcome);
  }
}
