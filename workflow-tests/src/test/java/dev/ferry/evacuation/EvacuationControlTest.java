package dev.ferry.evacuation;

import static dev.ferry.evacuation.EvacuationFleet.vm;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.config.SimVmConfig;
import dev.ferry.convergence.ConvergenceAction;
import dev.ferry.convergence.ConvergencePolicy;
import dev.ferry.convergence.ConvergenceStep;
import dev.ferry.options.MigrationOptions;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.WorkflowReplayer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Cancel, pause and resume, bounded pauses, and continue-as-new with replay. */
class EvacuationControlTest {
  /** A policy that never ends a migration by itself: tests end it. */
  static final ConvergencePolicy PATIENT =
      new ConvergencePolicy(
          "patient",
          300,
          List.of(ConvergenceStep.afterPasses(1_000_000, ConvergenceAction.ABORT)),
          false,
          1_000_000_000,
          0,
          1_000_000_000);

  private EvacuationFleet fleet;

  @AfterEach
  void close() {
    if (fleet != null) {
      fleet.close();
    }
  }

  static EvacuationRequest request(
      String id, EvacuationLimits limits, MigrationOptions options, Integer startsPerRun) {
    return EvacuationRequest.builder(id, List.of("src-a", "src-b"))
        .limits(limits)
        .options(options)
        .startsPerRun(startsPerRun)
        .build();
  }

  /** Dirties all of its 512 MiB at 64 MiB/s: capped at 32 MiB/s it never converges. */
  static SimVmConfig stuck(String name, String host) {
    return new SimVmConfig(name, host, 512L, 64L, "running", null, null, null, null, null);
  }

  static EvacuationProgress awaitProgress(
      EvacuationWorkflow stub, Predicate<EvacuationProgress> p) {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (System.nanoTime() < deadline) {
      EvacuationProgress progress = stub.progress();
      if (p.test(progress)) {
        return progress;
      }
      EvacuationFleet.sleep(10);
    }
    throw new AssertionError("progress never matched: " + stub.progress());
  }

  @Test
  void cancelRollsBackWhatIsInFlightAndStartsNothingMore() {
    fleet =
        new EvacuationFleet(100, 1192, List.of(stuck("stuck", "src-a"), vm("later", "src-a", 256)));
    MigrationOptions slow =
        MigrationOptions.builder().bandwidthMiBps(32L).convergence(PATIENT).build();
    EvacuationRequest request =
        request("cancel", new EvacuationLimits(null, 1, null, null), slow, null);
    EvacuationWorkflow stub = fleet.stub(request);
    WorkflowClient.start(stub::evacuate, request);
    awaitProgress(stub, p -> p.count(VmState.MIGRATING) == 1);
    EvacuationFleet.awaitInFlight(fleet, "stuck");

    stub.cancel("operator changed plans");
    EvacuationProgress report = WorkflowStub.fromTyped(stub).getResult(EvacuationProgress.class);

    Map<String, VmReport> byVm = EvacuationWorkflowTest.byVm(report);
    assertEquals(VmState.ROLLED_BACK, byVm.get("stuck").state(), byVm.get("stuck").toString());
    assertEquals("cancelled: operator changed plans", byVm.get("stuck").reason());
    assertEquals(VmState.NOT_STARTED, byVm.get("later").state());
    assertEquals(0, byVm.get("later").attempts());
    assertEquals(Map.of("src-a", "running"), fleet.cluster.whereIs("stuck"));
    assertEquals(Map.of("src-a", "running"), fleet.cluster.whereIs("later"));
  }

  @Test
  void pauseHoldsNewStartsUntilResume() {
    fleet =
        new EvacuationFleet(
            1,
            1192,
            List.of(vm("p1", "src-a", 1024), vm("p2", "src-a", 1024), vm("p3", "src-a", 1024)));
    EvacuationRequest request =
        request("pause", new EvacuationLimits(null, 1, null, null), null, null);
    EvacuationWorkflow stub = fleet.stub(request);
    WorkflowClient.start(stub::evacuate, request);
    stub.pause();

    EvacuationProgress paused =
        awaitProgress(
            stub, p -> p.phase() == EvacuationPhase.PAUSED && p.count(VmState.MIGRATING) == 0);
    int moved = paused.count(VmState.MIGRATED);
    EvacuationFleet.sleep(1500);
    EvacuationProgress still = stub.progress();
    assertEquals(moved, still.count(VmState.MIGRATED), "nothing started while paused");
    assertTrue(still.count(VmState.PENDING) >= 2, still.counts().toString());

    stub.resume();
    EvacuationProgress report = WorkflowStub.fromTyped(stub).getResult(EvacuationProgress.class);
    assertEquals(3, report.count(VmState.MIGRATED), report.counts().toString());
  }

  @Test
  void aForgottenPauseEndsTheEvacuationAfterItsBound() {
    fleet = new EvacuationFleet(1000, 1192, List.of(vm("f1", "src-a", 512)));
    EvacuationRequest request = request("forgotten", null, null, null);
    EvacuationWorkflow stub = fleet.stub(request);
    // Paused from its first moment: the signal travels with the start.
    io.temporal.client.BatchRequest start = fleet.client.newSignalWithStartRequest();
    start.add(stub::evacuate, request);
    start.add(stub::pause);
    fleet.client.signalWithStart(start);

    // Time skips while the test waits for the result: 24 hours pass in moments.
    EvacuationProgress report = WorkflowStub.fromTyped(stub).getResult(EvacuationProgress.class);

    VmReport f1 = report.vms().get(0);
    assertEquals(VmState.NOT_STARTED, f1.state());
    assertEquals("paused for longer than 24 h", f1.reason());
    assertEquals(Map.of("src-a", "running"), fleet.cluster.whereIs("f1"));
    assertEquals(EvacuationPhase.DONE, report.phase());
  }

  @Test
  void continuesAsNewEveryFewStartsAndStillAccountsForEveryGuestAndReplays() throws Exception {
    fleet =
        new EvacuationFleet(
            1000,
            1192,
            List.of(
                vm("c1", "src-a", 512),
                vm("c2", "src-a", 768),
                vm("c3", "src-b", 1024),
                vm("c4", "src-b", 256),
                vm("c5", "src-a", 300)));
    EvacuationRequest request = request("can", null, null, 2);
    EvacuationWorkflow stub = fleet.stub(request);

    EvacuationProgress report = stub.evacuate(request);

    assertEquals(5, report.count(VmState.MIGRATED), report.counts().toString());
    assertEquals(3, report.run(), "2 + 2 + 1 starts");
    WorkflowExecution last = WorkflowStub.fromTyped(stub).getExecution();
    WorkflowExecutionHistory history =
        fleet.client.fetchHistory(last.getWorkflowId(), last.getRunId());
    assertTrue(
        history.getEvents().size() < 60, "last run's history: " + history.getEvents().size());
    WorkflowReplayer.replayWorkflowExecution(history, EvacuationWorkflowImpl.class);
  }
}
