package dev.ferry.migration;

import dev.ferry.control.ControlResult;
import dev.ferry.control.TransferTuning;
import dev.ferry.convergence.JobStats;
import dev.ferry.convergence.StepTaken;
import dev.ferry.failure.FailureType;
import dev.ferry.plan.MigrationPlan;
import dev.ferry.policy.ActivityPolicies;
import io.temporal.activity.ActivityOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Workflow;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.slf4j.Logger;

/**
 * check, prepare and perform run in one cancellation scope, with an undo registered before each
 * step that changes a host. Past the commit point (perform returned) finish and confirm roll
 * forward and cancellation no longer applies. Undo and roll-forward run in detached scopes so that
 * no cancellation can interrupt them.
 */
public class MigrationWorkflowImpl implements MigrationWorkflow {
  private static final Logger log = Workflow.getLogger(MigrationWorkflowImpl.class);

  private MigrationActivities checkStep;
  private MigrationActivities prepareStep;
  private MigrationActivities performStep;
  private MigrationActivities forwardStep;
  private MigrationActivities undoStep;
  private PrepareUndo prepareUndo;
  private InspectionUpdates inspection;
  private final TransferControls controls = new TransferControls();

  private final PhaseLog phases = new PhaseLog();
  private final List<String> compensations = new ArrayList<>();
  private MigrationRequest request;
  private MigrationPlan plan;
  private MigrationStats stats;
  private JobStats lastSample;
  private List<StepTaken> steps = List.of();
  private MigrationOutcome outcome;
  private CancellationScope beforeCommit;
  private String cancelReason;
  private boolean committed;

  @Override
  public MigrationOutcome migrate(MigrationRequest request) {
    this.request = request;
    inspection = InspectionUpdates.start();
    phases.onEnter(inspection::phase);
    String route = request.vm() + " to " + request.destination();
    checkStep = stub(ActivityPolicies.check(), "check both hosts for moving " + route);
    prepareStep = stub(ActivityPolicies.prepare(), "prepare " + request.destination());
    performStep = stub(ActivityPolicies.perform(), "transfer " + route);
    forwardStep = stub(ActivityPolicies.rollForward(), "complete the move of " + route);
    undoStep = stub(ActivityPolicies.rollback(), "undo the move of " + route);
    prepareUndo =
        new PrepareUndo(
            stub(
                ActivityPolicies.rollbackPrepare(),
                undoPrepareSummary(request.vm(), request.destination())),
            undoStep);
    controls.start(options -> inspection.summarized(options, "operator control of " + route));
    String migrationId = Workflow.getInfo().getWorkflowId() + "/" + Workflow.getInfo().getRunId();
    beforeCommit = Workflow.newCancellationScope(() -> untilCommit(migrationId));
    if (cancelReason != null) {
      beforeCommit.cancel(cancelReason);
    }
    beforeCommit.run();
    if (outcome == null) {
      committed = true;
      rollForward();
    }
    // An operator control still talking to a host gets its answer before the workflow closes.
    Workflow.await(Workflow::isEveryHandlerFinished);
    return outcome;
  }

  /** The summary of prepare's undo, here and in a cleanup it was handed over to. */
  static String undoPrepareSummary(String vm, String destination) {
    return "remove what was prepared on " + vm + " to " + destination;
  }

  private MigrationActivities stub(ActivityOptions options, String summary) {
    return Workflow.newActivityStub(
        MigrationActivities.class, inspection.summarized(options, summary));
  }

  /** Runs until the commit point; sets {@link #outcome} if the migration ends before it. */
  private void untilCommit(String migrationId) {
    try {
      plan = phases.run(Phase.CHECK, () -> checkStep.check(request, migrationId));
      inspection.planned(plan);
    } catch (ActivityFailure | CanceledFailure e) {
      FailureText failure = failureOf(e);
      // Refused means the request itself was wrong; a cancellation during check is a rollback.
      boolean refused = failure.type() != null && failure.type().refusal();
      end(Outcome.ROLLED_BACK, failure, refused);
      return;
    }
    Deque<Phase> undo = new ArrayDeque<>();
    try {
      undo.push(Phase.PREPARE);
      phases.run(Phase.PREPARE, () -> run(() -> prepareStep.prepare(plan)));
      undo.push(Phase.PERFORM);
      stats =
          controls.withForcedPostcopy(phases.run(Phase.PERFORM, () -> performStep.perform(plan)));
      steps = stats.steps();
    } catch (ActivityFailure | CanceledFailure e) {
      keepStepsOf(e);
      compensate(undo, failureOf(e));
    }
  }

  /** A perform that ended the migration as its convergence policy says carries the steps taken. */
  private void keepStepsOf(RuntimeException e) {
    TransferProgress report = TransferProgress.carriedBy(e);
    if (report != null) {
      steps = report.steps();
      lastSample = report.stats() != null ? report.stats() : lastSample;
    }
  }

  /** Undoes what ran, newest first; ends the migration unless the destination already owns it. */
  private void compensate(Deque<Phase> undo, FailureText failure) {
    List<RollbackResult> found = new ArrayList<>(1);
    try {
      Workflow.newDetachedCancellationScope(() -> found.add(undo(undo))).run();
    } catch (ActivityFailure undoFailure) {
      attention(
          failure.reason() + "; then the rollback failed: " + failureOf(undoFailure).reason());
      return;
    }
    RollbackResult rollback = found.get(0);
    if (rollback != null && rollback.needsAttention()) {
      attention(failure.reason() + "; then " + rollback.describe());
    } else if (rollback == null || !rollback.rollForward()) {
      end(Outcome.ROLLED_BACK, failure, false);
    } else {
      // The destination already owned the guest when the failure was seen: only forward is safe.
      stats = MigrationStats.unknown();
    }
  }

  private RollbackResult undo(Deque<Phase> undo) {
    return phases.run(
        Phase.ROLLBACK,
        () -> {
          RollbackResult performUndo = null;
          while (!undo.isEmpty()) {
            Phase step = undo.pop();
            if (step == Phase.PERFORM) {
              performUndo = undoStep.rollbackPerform(plan);
              compensations.add("rollbackPerform: " + performUndo.action());
              if (performUndo.rollForward() || performUndo.needsAttention()) {
                // Anything prepared now belongs to the guest on the destination, or is evidence.
                return performUndo;
              }
            } else if (step == Phase.PREPARE) {
              compensations.add(prepareUndo.undo(plan));
            }
          }
          return performUndo;
        });
  }

  private MigrationOutcome rollForward() {
    try {
      Workflow.newDetachedCancellationScope(
              () -> {
                phases.run(Phase.FINISH, () -> run(() -> forwardStep.finish(plan)));
                phases.run(Phase.CONFIRM, () -> run(() -> forwardStep.confirm(plan)));
              })
          .run();
    } catch (ActivityFailure e) {
      return attention("past the commit point, " + failureOf(e).reason());
    }
    return end(Outcome.MIGRATED, new FailureText(null, "", false), false);
  }

  private FailureText failureOf(Throwable e) {
    FailureText failure = FailureText.of(e);
    if (failure.cancelled() && cancelReason != null && !cancelReason.isBlank()) {
      return new FailureText(null, "cancelled by operator: " + cancelReason, true);
    }
    return failure;
  }

  private MigrationOutcome attention(String reason) {
    return end(
        Outcome.NEEDS_ATTENTION,
        new FailureText(FailureType.NEEDS_ATTENTION, reason, false),
        false);
  }

  private MigrationOutcome end(Outcome result, FailureText failure, boolean refused) {
    phases.done();
    inspection.ended(result);
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
            phases.timings(),
            stats,
            compensations,
            plan == null ? List.of() : plan.disks(),
            steps,
            controls.accepted());
    return outcome;
  }

  private static Object run(Runnable step) {
    step.run();
    return null;
  }

  @Override
  public void cancel(String reason) {
    if (committed || outcome != null) {
      log.info("cancel ignored: the migration is past its commit point or has ended");
      return;
    }
    cancelReason = reason == null ? "" : reason;
    if (beforeCommit != null) {
      beforeCommit.cancel(cancelReason);
    }
  }

  @Override
  public void transferProgress(TransferProgress report) {
    if (outcome != null || stats != null || report.stats() == null) {
      // A late report must not overwrite what the finished perform returned.
      return;
    }
    lastSample = report.stats();
    steps = report.steps();
    phases.progress().sample(report.stats());
  }

  @Override
  public MigrationProgress progress() {
    return MigrationProgress.of(
        phases.current(),
        request == null ? null : request.vm(),
        plan != null ? plan.source() : request == null ? null : request.source(),
        request == null ? null : request.destination(),
        phases.timings(),
        plan,
        outcome,
        phases.progress().percent(),
        lastSample,
        steps,
        controls.accepted());
  }

  @Override
  public String abort(String reason) {
    String why = controls.aborted(reason);
    cancel(why);
    return "abort accepted: the migration rolls back and the guest stays on "
        + (plan != null ? plan.source() : "its source");
  }

  @Override
  public void validateAbort(String reason) {
    TransferControls.requireAbortable(outcome, committed);
  }

  @Override
  public ControlResult tune(TransferTuning tuning) {
    return controls.tune(plan, tuning);
  }

  @Override
  public void validateTune(TransferTuning tuning) {
    TransferControls.requireTuning(tuning);
    TransferControls.requireTransfer(transferRunning(), phases.current(), "tune");
  }

  @Override
  public ControlResult forceComplete() {
    return controls.forceComplete(plan);
  }

  @Override
  public void validateForceComplete() {
    TransferControls.requireTransfer(transferRunning(), phases.current(), "force-complete");
  }

  /** Whether perform runs: the control activity then finds the job, or says there is none. */
  private boolean transferRunning() {
    return phases.current() == Phase.PERFORM && stats == null && outcome == null && !committed;
  }
}
