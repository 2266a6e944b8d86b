package dev.ferry.migration;

import static dev.ferry.convergence.ConvergenceAction.ABORT;
import static dev.ferry.convergence.ConvergenceAction.POSTCOPY;
import static dev.ferry.convergence.ConvergenceAction.RAISE_MAX_DOWNTIME;
import static dev.ferry.convergence.ConvergenceAction.SUSPEND;
import static dev.ferry.migration.SimFleet.CAP_MIBPS;
import static dev.ferry.migration.SimFleet.STALLED;
import static dev.ferry.migration.SimFleet.STUBBORN;
import static dev.ferry.migration.SimFleet.WEB;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.convergence.ConvergenceAction;
import dev.ferry.convergence.ConvergencePolicy;
import dev.ferry.convergence.ConvergencePresets;
import dev.ferry.convergence.ConvergenceStep;
import dev.ferry.convergence.StepTaken;
import dev.ferry.failure.FailureType;
import dev.ferry.options.MigrationOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Guests that converge, converge only after escalation, and never converge, migrated under their
 * convergence policy on the simulated driver: every migration ends, the way the policy says.
 */
class ConvergenceWorkflowTest {
  /** Slow enough that the policy sees a sample every 50 simulated seconds. */
  private static final double SPEED = 100;

  private SimFleet fleet;

  @BeforeEach
  void startFleet() {
    fleet = new SimFleet(SPEED);
  }

  @AfterEach
  void closeFleet() {
    fleet.close();
  }

  private static MigrationRequest capped(String vm, ConvergencePolicy policy) {
    return new MigrationRequest(
        vm,
        "sim-a",
        "sim-b",
        MigrationOptions.builder().bandwidthMiBps(CAP_MIBPS).convergence(policy).build(),
        null);
  }

  private static List<ConvergenceAction> actions(MigrationOutcome outcome) {
    return outcome.steps().stream().map(StepTaken::action).toList();
  }

  @Test
  void guestThatConvergesTakesNoStep() {
    MigrationOutcome outcome = fleet.migrate(SimFleet.request(WEB, "sim-a", "sim-b"));

    assertEquals(Outcome.MIGRATED, outcome.outcome(), outcome.reason());
    assertEquals(List.of(), outcome.steps());
    assertEquals(List.of(), outcome.stats().steps());
  }

  @Test
  void guestConvergesOnlyOnceMaxDowntimeIsRaisedFarEnough() {
    MigrationOutcome outcome = fleet.migrate(capped(STUBBORN, ConvergencePresets.defaults()));

    assertEquals(Outcome.MIGRATED, outcome.outcome(), outcome.reason());
    assertEquals(Map.of("sim-b", "running"), fleet.cluster.whereIs(STUBBORN));
    assertEquals(List.of(RAISE_MAX_DOWNTIME, RAISE_MAX_DOWNTIME), actions(outcome));
    assertEquals(
        List.of(500L, 1000L), outcome.steps().stream().map(StepTaken::maxDowntimeMs).toList());
    assertTrue(outcome.steps().get(0).trigger().contains("passes without converging"));
    // Its last dirty set needs 750 ms: more than the first raise allowed, within the second.
    long downtime = outcome.stats().downtimeMillis();
    assertTrue(downtime > 500 && downtime <= 1000, "downtime " + downtime);
    assertFalse(outcome.stats().postcopy());
  }

  @Test
  void guestThatNeverConvergesIsAbortedAndKeepsRunningOnSource() {
    MigrationOutcome outcome =
        fleet.migrate(capped(STALLED, ConvergencePresets.named("minimal-downtime")));

    assertEquals(Outcome.ROLLED_BACK, outcome.outcome(), outcome.reason());
    assertEquals(FailureType.NOT_CONVERGED, outcome.failureType());
    assertFalse(outcome.refused());
    assertTrue(outcome.reason().contains("did not converge"), outcome.reason());
    assertEquals(List.of(RAISE_MAX_DOWNTIME, ABORT), actions(outcome));
    assertEquals(Map.of("sim-a", "running"), fleet.cluster.whereIs(STALLED));
    assertEquals(
        List.of(MigrationWorkflowTest.UNDO_PERFORM, MigrationWorkflowTest.UNDO_PREPARE),
        MigrationWorkflowTest.undoSteps(outcome));
  }

  @Test
  void guestThatNeverConvergesCompletesInPostcopyWhenPolicyAllowsIt() {
    MigrationOutcome outcome =
        fleet.migrate(capped(STALLED, ConvergencePresets.named("allow-postcopy")));

    assertEquals(Outcome.MIGRATED, outcome.outcome(), outcome.reason());
    assertEquals(Map.of("sim-b", "running"), fleet.cluster.whereIs(STALLED));
    assertEquals(List.of(RAISE_MAX_DOWNTIME, POSTCOPY), actions(outcome));
    assertTrue(outcome.stats().postcopy(), outcome.stats().toString());
  }

  @Test
  void guestThatNeverConvergesCompletesPausedWhenPolicySuspendsIt() {
    ConvergencePolicy suspend =
        new ConvergencePolicy(
            "suspend-soon",
            300,
            List.of(ConvergenceStep.afterPasses(2, SUSPEND)),
            false,
            600,
            0,
            600);

    MigrationOutcome outcome = fleet.migrate(capped(STALLED, suspend));

    assertEquals(Outcome.MIGRATED, outcome.outcome(), outcome.reason());
    assertEquals(Map.of("sim-b", "running"), fleet.cluster.whereIs(STALLED));
    assertEquals(List.of(SUSPEND), actions(outcome));
    // Paused from the step to the end: far longer than any max downtime would allow.
    assertTrue(outcome.stats().downtimeMillis() > 1000, outcome.stats().toString());
  }

  @Test
  void progressQueryShowsTransferFiguresStepsAndPercentThatNeverDecreases() {
    SimFleet.Running running =
        fleet.start(capped(STALLED, ConvergencePresets.named("minimal-downtime")));
    List<MigrationProgress> seen = new ArrayList<>();
    MigrationProgress withStep =
        running.awaitProgress(
            p -> {
              seen.add(p);
              return !p.steps().isEmpty();
            });
    MigrationOutcome outcome = running.outcome();
    seen.add(running.workflow().progress());

    assertEquals(Phase.PERFORM, withStep.phase());
    assertEquals(RAISE_MAX_DOWNTIME, withStep.steps().get(0).action());
    assertEquals(512L * 1024 * 1024, withStep.dataTotalBytes());
    assertTrue(withStep.dataProcessedBytes() > 0, withStep.toString());
    assertTrue(withStep.iteration() > 1, withStep.toString());
    assertEquals(CAP_MIBPS * 1024 * 1024, withStep.transferRateBytesPerSec());
    // It dirties faster than it sends: no honest time to completion.
    assertNull(withStep.etaSeconds());
    for (int i = 1; i < seen.size(); i++) {
      assertTrue(
          seen.get(i).percent() >= seen.get(i - 1).percent(),
          "percent went backwards: " + seen.stream().map(MigrationProgress::percent).toList());
    }
    MigrationProgress last = seen.get(seen.size() - 1);
    assertEquals(Phase.DONE, last.phase());
    assertEquals(100, last.percent());
    assertEquals(outcome, last.outcome());
    assertEquals(outcome.steps(), last.steps());
  }
}
