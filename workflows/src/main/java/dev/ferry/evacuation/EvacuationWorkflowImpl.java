package dev.ferry.evacuation;

import dev.ferry.migration.MigrationInspection;
import dev.ferry.migration.MigrationOutcome;
import dev.ferry.migration.MigrationWorkflow;
import dev.ferry.policy.ActivityPolicies;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A thin shell around {@link Dispatcher}: reads the fleet, starts the child migrations it asks for,
 * feeds their outcomes back, and applies cancel, pause and deadline. Children run in a detached
 * scope so that only this workflow decides what a cancellation does to them. After {@code
 * startsPerRun} migrations it lets those in flight end and continues as new, so that the history of
 * an evacuation of thousands of guests stays small.
 */
public class EvacuationWorkflowImpl implements EvacuationWorkflow {
  /**
   * A pause longer than this ends the evacuation: a forgotten pause must not hold hosts forever.
   */
  static final Duration MAX_PAUSE = Duration.ofHours(24);

  private final FleetActivities fleet =
      Workflow.newActivityStub(FleetActivities.class, ActivityPolicies.fleetRead());

  private final Map<String, MigrationWorkflow> children = new LinkedHashMap<>();
  private final Map<String, String> stoppedByUs = new LinkedHashMap<>();
  private EvacuationRequest request;
  private Tally tally;
  private Dispatcher dispatcher;
  private EvacuationPhase phase = EvacuationPhase.PLANNING;
  private boolean attributes;
  private boolean paused;
  private Long pausedAtMillis;
  private String cancelReason;
  private boolean cancelHandled;
  private boolean deadlineHandled;
  private boolean changed;
  private long startedAtMillis;
  private int run = 1;

  @Override
  public EvacuationProgress evacuate(EvacuationRequest request) {
    this.request = request;
    EvacuationCarry carry = request.carry();
    startedAtMillis = carry == null ? Workflow.currentTimeMillis() : carry.startedAtMillis();
    if (carry != null) {
      run = carry.runs() + 1;
      paused = paused || carry.paused();
      pausedAtMillis = pausedAtMillis != null ? pausedAtMillis : carry.pausedAtMillis();
    }
    attributes = Workflow.getTypedSearchAttributes().containsKey(MigrationInspection.BATCH_ID);
    tally = new Tally(carry == null ? List.of() : carry.reports());
    FleetSnapshot snapshot;
    try {
      snapshot = fleet.snapshot(request.hosts());
    } catch (ActivityFailure e) {
      // Nothing started: the report says why, with every guest the carry knew of still pending.
      dispatcher =
          new Dispatcher(request, new FleetSnapshot(List.of(), List.of()), List.of(), tally);
      dispatcher.stop("could not read the fleet: " + e.getCause().getMessage());
      return done();
    }
    if (carry == null) {
      snapshot.guests().forEach(tally::add);
    }
    List<GuestView> pending = carry == null ? snapshot.guests() : carry.pending();
    dispatcher = new Dispatcher(request, snapshot, pending, tally);
    if (carry != null && carry.stopReason() != null) {
      dispatcher.stop(carry.stopReason());
    }
    try {
      loop();
    } catch (CanceledFailure e) {
      // Cancelled through Temporal itself: handled as the cancel signal, outside the cancellation.
      Workflow.newDetachedCancellationScope(
              () -> {
                cancelReason = cancelReason != null ? cancelReason : "cancelled through Temporal";
                loop();
              })
          .run();
    }
    if (dispatcher.runFull()
        && dispatcher.stopReason() == null
        && !dispatcher.pending().isEmpty()) {
      Workflow.continueAsNew(
          request.continuedWith(
              new EvacuationCarry(
                  dispatcher.pending(),
                  tally.all(),
                  startedAtMillis,
                  paused,
                  pausedAtMillis,
                  null,
                  run)));
    }
    return done();
  }

  private EvacuationProgress done() {
    dispatcher.settleRest();
    phase = EvacuationPhase.DONE;
    return progress();
  }

  private void loop() {
    while (true) {
      long now = Workflow.currentTimeMillis();
      if (cancelReason != null && !cancelHandled) {
        cancelHandled = true;
        stopping(request.onCancel(), "cancelled: " + cancelReason);
      }
      if (request.deadline() != null
          && now >= request.deadline().toEpochMilli()
          && !deadlineHandled) {
        deadlineHandled = true;
        stopping(request.atDeadline(), "the end of the window was reached");
      }
      if (paused && pausedAtMillis != null && now >= pausedAtMillis + MAX_PAUSE.toMillis()) {
        dispatcher.stop("paused for longer than " + MAX_PAUSE.toHours() + " h");
      }
      for (Dispatcher.Start start : dispatcher.next(now, paused)) {
        launch(start);
      }
      boolean waitingForResume =
          paused && dispatcher.stopReason() == null && !dispatcher.pending().isEmpty();
      if (dispatcher.running().isEmpty() && !waitingForResume) {
        return;
      }
      phase =
          dispatcher.stopReason() != null
              ? EvacuationPhase.STOPPING
              : paused ? EvacuationPhase.PAUSED : EvacuationPhase.RUNNING;
      changed = false;
      Duration wake = nextWake(now);
      if (wake == null) {
        // Bounded all the same: every child migration ends within its timeout.
        Workflow.await(() -> changed);
      } else {
        Workflow.await(wake, () -> changed);
      }
    }
  }

  /** Until the deadline or the end of the pause, whichever comes first; null if neither applies. */
  private Duration nextWake(long now) {
    Long at = null;
    if (request.deadline() != null && !deadlineHandled) {
      at = request.deadline().toEpochMilli();
    }
    if (paused && pausedAtMillis != null) {
      long end = pausedAtMillis + MAX_PAUSE.toMillis();
      at = at == null ? end : Math.min(at, end);
    }
    return at == null ? null : Duration.ofMillis(Math.max(1, at - now));
  }

  private void launch(Dispatcher.Start start) {
    ChildMigration child = ChildMigration.of(request, start, attributes);
    MigrationWorkflow stub =
        Workflow.newChildWorkflowStub(MigrationWorkflow.class, child.options());
    children.put(start.guest().name(), stub);
    Workflow.newDetachedCancellationScope(
            () -> {
              Promise<MigrationOutcome> result = Async.function(stub::migrate, child.request());
              result.handle(
                  (outcome, failure) -> {
                    ended(start, outcome, failure);
                    return null;
                  });
            })
        .run();
  }

  private void ended(Dispatcher.Start start, MigrationOutcome outcome, RuntimeException failure) {
    String vm = start.guest().name();
    children.remove(vm);
    ChildMigration.Result result =
        ChildMigration.judge(start.destination(), outcome, failure, stoppedByUs.get(vm));
    dispatcher.ended(
        vm, result.migrated(), result.retry(), result.state(), result.reason(), result.bytes());
    changed = true;
  }

  /** No new migration starts; under {@code ABORT} those in flight are asked to stop. */
  private void stopping(EndPolicy policy, String reason) {
    dispatcher.stop(reason);
    phase = EvacuationPhase.STOPPING;
    if (policy != EndPolicy.ABORT) {
      return;
    }
    for (Map.Entry<String, MigrationWorkflow> child : Map.copyOf(children).entrySet()) {
      stoppedByUs.put(child.getKey(), reason);
      Workflow.newDetachedCancellationScope(
              () -> ChildMigration.signalCancel(child.getValue(), reason))
          .run();
    }
  }

  @Override
  public void pause() {
    if (!paused) {
      paused = true;
      pausedAtMillis = Workflow.currentTimeMillis();
      changed = true;
    }
  }

  @Override
  public void resume() {
    paused = false;
    pausedAtMillis = null;
    changed = true;
  }

  @Override
  public void cancel(String reason) {
    cancelReason = reason == null || reason.isBlank() ? "requested" : reason;
    changed = true;
  }

  @Override
  public EvacuationProgress progress() {
    if (tally == null) {
      return new EvacuationProgress(
          request == null ? null : request.batchId(),
          phase,
          request == null ? List.of() : request.hosts(),
          Map.of(),
          List.of(),
          0,
          0,
          0,
          null,
          null,
          request == null ? null : request.deadline(),
          "",
          run);
    }
    long elapsed = Math.max(1, Workflow.currentTimeMillis() - startedAtMillis);
    long moved = tally.bytesMoved();
    // In doubles: terabytes left times hours elapsed overflow a long.
    Long eta =
        moved == 0
            ? null
            : Long.valueOf((long) ((double) tally.bytesLeft() * elapsed / moved / 1000));
    return new EvacuationProgress(
        request.batchId(),
        phase,
        request.hosts(),
        tally.counts(),
        tally.all(),
        tally.bytesTotal(),
        moved,
        tally.bytesTransferred(),
        phase == EvacuationPhase.DONE ? Long.valueOf(0) : eta,
        Instant.ofEpochMilli(startedAtMillis),
        request.deadline(),
        dispatcher == null ? "" : dispatcher.stopReason(),
        run);
  }
}
